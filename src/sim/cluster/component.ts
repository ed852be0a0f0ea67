/** A control-plane or node component that can be started and stopped (to break things on purpose). */
export interface Component {
  readonly name: string;
  readonly running: boolean;
  start(): void;
  stop(): void;
}
