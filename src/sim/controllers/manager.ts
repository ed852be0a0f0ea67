/**
 * kube-controller-manager: runs the controllers over shared informers. Each controller writes
 * through its own client (`kube-controller-manager/<controller>`), as each has its own service
 * account upstream.
 */
import type { Clock } from '../core/clock';
import type { Rng } from '../core/rng';
import type { Client } from '../client/types';
import type { Component } from '../cluster/component';
import { SharedInformers } from './informers';
import { LeaderElector } from '../client/leaderelection';
import type { Controller, ControllerContext } from './controller';
import { ReplicaSetController } from './replicaset/replicaset';
import { DeploymentController } from './deployment/deployment';
import { DaemonSetController } from './daemonset/daemonset';
import { GarbageCollector } from './garbagecollector/garbage-collector';
import { NamespaceController } from './namespace/namespace';
import { EndpointsController } from './endpoints/endpoints';
import { EndpointSliceController } from './endpointslice/endpointslice';
import { JobController } from './job/job';
import { PersistentVolumeController } from './volume/persistentvolume';
import { HorizontalPodAutoscalerController } from './podautoscaler/horizontal';
import { ResourceQuotaController } from './resourcequota/resourcequota';
import { NodeLifecycleController, TaintEvictionController } from './nodelifecycle/nodelifecycle';
import { StatefulSetController } from './statefulset/statefulset';
import { RootCACertPublisher, ServiceAccountsController } from './serviceaccount/serviceaccount';
import { CronJobController } from './cronjob/cronjob';
import { ServiceLBController } from './servicelb/servicelb';

export interface ControllerManagerOptions {
  clientFor: (agent: string) => Client;
  clock: Clock;
  rng: Rng;
  /** The cluster CA bundle (--root-ca-file) the root-ca-cert-publisher distributes. */
  rootCA?: string;
  /** A load-balancer address pool (the scenario's provider); absent: LoadBalancer Services stay pending. */
  loadBalancerIPs?: string[];
}

export class ControllerManager implements Component {
  readonly name = 'kube-controller-manager';
  running = false;
  private informers?: SharedInformers;
  private controllers: Controller[] = [];
  private elector?: LeaderElector;

  constructor(private readonly opts: ControllerManagerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.informers = new SharedInformers(this.opts.clientFor('kube-controller-manager'));
    const ctx: ControllerContext = { clientFor: this.opts.clientFor, clock: this.opts.clock, rng: this.opts.rng, informers: this.informers };
    this.controllers = [new DeploymentController(ctx), new ReplicaSetController(ctx), new DaemonSetController(ctx), new GarbageCollector(ctx), new NamespaceController(ctx), new EndpointsController(ctx), new EndpointSliceController(ctx), new JobController(ctx), new CronJobController(ctx), new StatefulSetController(ctx), new ServiceAccountsController(ctx), new RootCACertPublisher(ctx, this.opts.rootCA ?? ''), new NodeLifecycleController(ctx), new TaintEvictionController(ctx), new PersistentVolumeController(ctx), new HorizontalPodAutoscalerController(ctx), new ResourceQuotaController(ctx)];
    if (this.opts.loadBalancerIPs?.length) this.controllers.push(new ServiceLBController(ctx, this.opts.loadBalancerIPs));
    this.elector = new LeaderElector(this.opts.clientFor('kube-controller-manager/leader-election'), this.opts.clock, this.opts.rng, 'kube-controller-manager', 'controlplane');
    this.elector.start();
    for (const c of this.controllers) c.start();
    this.informers.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const c of this.controllers) c.stop();
    this.elector?.stop();
    this.informers?.stop();
    this.controllers = [];
  }

  /** A running controller by its upstream name (e.g. `deployment-controller`). */
  controller(name: string): Controller | undefined {
    return this.controllers.find((c) => c.name === name);
  }
}
