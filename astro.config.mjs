// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

/**
 * BASE_PATH: serve the site under a sub-path (GitHub Pages project sites: BASE_PATH=/kube-anatomy).
 * SITE_URL:  optional absolute origin, e.g. https://example.github.io (used for canonical URLs + sitemap).
 */
const rawBase = process.env.BASE_PATH || '/';
const base = rawBase === '/' ? '/' : '/' + rawBase.replace(/^\/+|\/+$/g, '');
const site = process.env.SITE_URL || undefined;

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  integrations: [
    starlight({
      title: { 'zh-CN': 'Kubernetes 解剖室', en: 'kube-anatomy' },
      description: '在浏览器里的模拟集群上，逐个组件看懂 Kubernetes 的内部结构。',
      defaultLocale: 'root',
      locales: {
        root: { label: '简体中文', lang: 'zh-CN' },
        en: { label: 'English', lang: 'en' },
      },
      customCss: ['./src/styles/custom.css'],
      components: {
        // Page title + the side-by-side (中英对照) reading toggle.
        PageTitle: './src/components/bilingual/BilingualPageTitle.astro',
      },
      sidebar: [
        {
          label: '总览',
          translations: { en: 'Overview' },
          items: [
            { label: 'Kubernetes 是什么', translations: { en: 'What Kubernetes is' }, slug: 'overview/what-is-kubernetes' },
            { label: '架构总览', translations: { en: 'Architecture' }, slug: 'overview/architecture' },
            { label: '一个请求的旅程', translations: { en: 'The path of a request' }, slug: 'overview/request-path' },
            { label: 'Kubernetes、Mesos 与 Swarm', translations: { en: 'Kubernetes, Mesos and Swarm' }, slug: 'overview/comparison' },
            { label: '使用终端', translations: { en: 'Using the terminal' }, slug: 'overview/terminal' },
          ],
        },
        {
          label: '控制平面',
          translations: { en: 'Control plane' },
          items: [
            { label: 'kube-apiserver', slug: 'control-plane/kube-apiserver' },
            { label: 'etcd', slug: 'control-plane/etcd' },
            { label: 'kube-scheduler', slug: 'control-plane/kube-scheduler' },
            { label: 'kube-controller-manager', slug: 'control-plane/kube-controller-manager' },
            { label: '高可用部署', translations: { en: 'High availability' }, slug: 'control-plane/high-availability' },
          ],
        },
        {
          label: '工作负载',
          translations: { en: 'Workloads' },
          items: [
            { label: 'Pod', translations: { en: 'Pods' }, slug: 'workloads/pods' },
          ],
        },
        {
          label: '节点',
          translations: { en: 'Node' },
          items: [
            { label: 'kubelet', slug: 'node/kubelet' },
            { label: 'kube-proxy', slug: 'node/kube-proxy' },
            { label: '容器运行时', translations: { en: 'Container runtime' }, slug: 'node/container-runtime' },
          ],
        },
        {
          label: '插件',
          translations: { en: 'Add-ons' },
          items: [
            { label: '插件总览', translations: { en: 'Add-ons overview' }, slug: 'addons/overview' },
            { label: 'CoreDNS', slug: 'addons/coredns' },
            { label: 'Ingress 控制器', translations: { en: 'Ingress controller' }, slug: 'addons/ingress-controller' },
          ],
        },
        {
          label: '工具',
          translations: { en: 'Tools' },
          items: [
            { label: 'Helm', slug: 'tools/helm' },
          ],
        },
        {
          label: '参考',
          translations: { en: 'Reference' },
          items: [
            { label: '术语表', translations: { en: 'Glossary' }, slug: 'reference/glossary' },
          ],
        },
      ],
    }),
  ],
  vite: {
    // The simulation worker may be split into chunks: emit it as an ES module worker.
    worker: { format: 'es' },
  },
});
