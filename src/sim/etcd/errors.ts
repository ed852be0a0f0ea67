/** Errors the etcd server returns, with etcd's exact texts and gRPC status codes. */
export type GrpcCode = 'InvalidArgument' | 'NotFound' | 'FailedPrecondition' | 'OutOfRange' | 'ResourceExhausted' | 'Unavailable' | 'DeadlineExceeded';

export class EtcdError extends Error {
  constructor(
    readonly code: GrpcCode,
    message: string,
  ) {
    super(message);
    this.name = 'EtcdError';
  }
}

export const ERR_COMPACTED = 'etcdserver: mvcc: required revision has been compacted';
export const ERR_FUTURE_REV = 'etcdserver: mvcc: required revision is a future revision';
export const ERR_DUPLICATE_KEY = 'etcdserver: duplicate key given in txn request';
export const ERR_TOO_MANY_OPS = 'etcdserver: too many operations in txn request';
export const ERR_EMPTY_KEY = 'etcdserver: key is not provided';
export const ERR_KEY_NOT_FOUND = 'etcdserver: key not found';
export const ERR_LEASE_NOT_FOUND = 'etcdserver: requested lease not found';
export const ERR_LEASE_EXIST = 'etcdserver: lease already exists';
export const ERR_LEASE_TTL_TOO_LARGE = 'etcdserver: too large lease TTL';

export const compacted = () => new EtcdError('OutOfRange', ERR_COMPACTED);
export const futureRev = () => new EtcdError('OutOfRange', ERR_FUTURE_REV);
export const duplicateKey = () => new EtcdError('InvalidArgument', ERR_DUPLICATE_KEY);
export const tooManyOps = () => new EtcdError('InvalidArgument', ERR_TOO_MANY_OPS);
export const emptyKey = () => new EtcdError('InvalidArgument', ERR_EMPTY_KEY);
export const keyNotFound = () => new EtcdError('InvalidArgument', ERR_KEY_NOT_FOUND);
export const leaseNotFound = () => new EtcdError('NotFound', ERR_LEASE_NOT_FOUND);
export const leaseExists = () => new EtcdError('FailedPrecondition', ERR_LEASE_EXIST);
export const leaseTtlTooLarge = () => new EtcdError('OutOfRange', ERR_LEASE_TTL_TOO_LARGE);
