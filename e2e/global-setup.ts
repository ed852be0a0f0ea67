/**
 * Builds the site when needed (no dist/, or E2E_BUILD=1) and serves dist/ under BASE_PATH on a free
 * port for the browser tests. The URL reaches the tests through `inject('siteUrl')`.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { basePath, serveDist } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, 'dist');

export default async function setup(project: TestProject) {
  const index = resolve(dist, 'index.html');
  // dist/ built for another BASE_PATH would 404 on every asset: rebuild then too.
  const builtBase = existsSync(index) ? /(?:href|src)="([^"]*?)_astro\//.exec(readFileSync(index, 'utf8'))?.[1] : undefined;
  if (!existsSync(index) || process.env.E2E_BUILD === '1' || builtBase !== basePath()) {
    console.log(`[e2e] building the site for base ${basePath()} (npm run build)…`);
    execSync('npm run build', { cwd: root, stdio: 'inherit', env: process.env });
  }
  const { server, url } = await serveDist(dist);
  console.log(`[e2e] serving dist/ at ${url}`);
  project.provide('siteUrl', url);
  return async () => {
    await new Promise<void>((r) => server.close(() => r()));
  };
}
