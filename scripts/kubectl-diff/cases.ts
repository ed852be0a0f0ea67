/** The command forms compared between our kubectl and the real one (issue 3: at least 60). */
export interface DiffCase {
  cmd: string;
  /** Run on both clusters without comparing (state set-up). */
  setup?: boolean;
  /** Compare with whitespace runs collapsed (column widths follow masked cells). */
  loose?: boolean;
}

export const FILES: Record<string, string> = {
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`,
  'web-v2.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.28
        ports:
        - containerPort: 80
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
  'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: busybox
    command: ["sh", "-c", "echo hello from box; sleep 3600"]
`,
};

const L = true;

export const CASES: DiffCase[] = [
  { cmd: 'kubectl get nodes' },
  { cmd: 'kubectl get nodes -o wide' },
  { cmd: 'kubectl get nodes --show-labels', loose: L },
  { cmd: 'kubectl get pods -A', loose: L },
  { cmd: 'kubectl get pods -A -o wide', loose: L },
  { cmd: 'kubectl get pods -n kube-system -o name' },
  { cmd: 'kubectl get pods -n kube-system -l component=etcd -o yaml' },
  { cmd: 'kubectl get pods -n kube-system -l component=kube-scheduler -o json' },
  { cmd: 'kubectl get deploy -A', loose: L },
  { cmd: 'kubectl get deploy -n kube-system coredns -o yaml' },
  { cmd: 'kubectl get deploy -n kube-system coredns -o json' },
  { cmd: 'kubectl get rs -A -o wide', loose: L },
  { cmd: 'kubectl get ds -A' },
  { cmd: 'kubectl get svc -A', loose: L },
  { cmd: 'kubectl get svc -A -o wide', loose: L },
  { cmd: 'kubectl get ns' },
  { cmd: 'kubectl get ns default -o yaml' },
  { cmd: "kubectl get node controlplane -o jsonpath='{.status.addresses[0].address}'" },
  { cmd: "kubectl get pods -A -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.nodeName}{\"\\n\"}{end}'", loose: L },
  { cmd: 'kubectl get pods -A -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName', loose: L },
  { cmd: 'kubectl get pods -A --show-labels', loose: L },
  { cmd: 'kubectl get pods -n kube-system -L k8s-app', loose: L },
  { cmd: 'kubectl get all -A', loose: L },
  { cmd: 'kubectl get endpoints -A', loose: L },
  { cmd: 'kubectl get endpointslices -A', loose: L },
  { cmd: 'kubectl get leases -n kube-node-lease' },
  { cmd: 'kubectl get pods --no-headers -A', loose: L },
  { cmd: 'kubectl get pods -n kube-system --sort-by=.metadata.name', loose: L },
  { cmd: 'kubectl get nosuch' },
  { cmd: 'kubectl get pod nosuch' },
  { cmd: 'kubectl get pods -n kube-system etcd-controlplane nosuch' },
  { cmd: 'kubectl describe node node01', loose: L },
  { cmd: 'kubectl describe node controlplane', loose: L },
  { cmd: 'kubectl describe pod -n kube-system etcd-controlplane', loose: L },
  { cmd: 'kubectl describe deploy -n kube-system coredns', loose: L },
  { cmd: 'kubectl describe rs -n kube-system', loose: L },
  { cmd: 'kubectl describe ds -n kube-system kube-proxy', loose: L },
  { cmd: 'kubectl describe svc kubernetes', loose: L },
  { cmd: 'kubectl describe svc -n kube-system kube-dns', loose: L },
  { cmd: 'kubectl describe ns default' },
  { cmd: 'kubectl describe pod nosuch' },
  { cmd: 'kubectl apply -f web.yaml' },
  { cmd: 'kubectl apply -f web.yaml' },
  { cmd: 'kubectl apply -f svc.yaml' },
  { cmd: 'kubectl apply -f pod.yaml' },
  { cmd: 'sleep 20', setup: true },
  { cmd: 'kubectl get deploy web -o yaml' },
  { cmd: 'kubectl get svc web -o yaml' },
  { cmd: 'kubectl get pods -o wide', loose: L },
  { cmd: 'kubectl describe deploy web', loose: L },
  { cmd: 'kubectl describe svc web', loose: L },
  { cmd: 'kubectl describe pod box', loose: L },
  { cmd: 'kubectl logs box' },
  { cmd: 'kubectl apply -f web-v2.yaml' },
  { cmd: 'kubectl run p1 --image=nginx' },
  { cmd: 'kubectl run p1 --image=nginx' },
  { cmd: 'kubectl create deployment d2 --image=nginx' },
  { cmd: 'kubectl create namespace team-a' },
  { cmd: 'kubectl create deployment d3 --image=nginx:1.27 --replicas=2 --dry-run=client -o yaml' },
  { cmd: 'kubectl run p2 --image=busybox --dry-run=client -o yaml -- sleep 3600' },
  { cmd: 'kubectl scale deployment web --replicas=4' },
  { cmd: 'kubectl scale deployment nosuch --replicas=1' },
  { cmd: 'kubectl label pod p1 tier=frontend' },
  { cmd: 'kubectl label pod p1 tier=backend' },
  { cmd: 'kubectl label pod p1 tier=backend --overwrite' },
  { cmd: 'kubectl annotate pod p1 note=hello' },
  { cmd: 'kubectl patch deployment web -p \'{"spec":{"replicas":2}}\'' },
  { cmd: 'kubectl patch deployment web --type=merge -p \'{"metadata":{"labels":{"x":"y"}}}\'' },
  { cmd: 'kubectl patch deployment web --type=json -p \'[{"op":"replace","path":"/spec/replicas","value":3}]\'' },
  { cmd: 'kubectl set image deployment/web nginx=nginx:1.27' },
  { cmd: 'sleep 30', setup: true },
  { cmd: 'kubectl rollout status deployment/web' },
  { cmd: 'kubectl rollout history deployment/web' },
  { cmd: 'kubectl rollout undo deployment/web' },
  { cmd: 'kubectl rollout restart deployment/web' },
  { cmd: 'sleep 30', setup: true },
  { cmd: 'kubectl get pods -n kube-system', loose: L },
  { cmd: 'kubectl api-resources', loose: L },
  { cmd: 'kubectl api-versions' },
  { cmd: 'kubectl explain pod' },
  { cmd: 'kubectl explain deployment.spec.replicas' },
  { cmd: 'kubectl auth can-i create pods' },
  { cmd: 'kubectl cordon node02' },
  { cmd: 'kubectl cordon node02' },
  { cmd: 'kubectl get nodes' },
  { cmd: 'kubectl uncordon node02' },
  { cmd: 'kubectl taint nodes node02 dedicated=x:NoSchedule' },
  { cmd: 'kubectl taint nodes node02 dedicated-' },
  { cmd: 'kubectl delete pod p1' },
  { cmd: 'kubectl delete -f svc.yaml' },
  { cmd: 'kubectl delete deployment web' },
  { cmd: 'kubectl delete pod nosuch' },
];
