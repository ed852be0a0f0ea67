/**
 * A chart: Chart.yaml metadata, default values, templates. Loaded from a directory of the shell's
 * filesystem (a chart the reader wrote) or from the small catalog the site ships (charts/).
 */
import { parse } from 'yaml';

export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type?: string;
}

export interface Chart {
  metadata: ChartMetadata;
  /** values.yaml, parsed (and its text, for `helm show values`). */
  values: Record<string, unknown>;
  valuesText: string;
  chartText: string;
  /** Template files by path relative to the chart (`templates/deployment.yaml`). */
  templates: { name: string; data: string }[];
}

/** The files of a chart as a map (`Chart.yaml`, `values.yaml`, `templates/…`). */
export type ChartFiles = Record<string, string>;

export class ChartError extends Error {}

export function loadChart(files: ChartFiles, where: string): Chart {
  const chartText = files['Chart.yaml'];
  if (chartText === undefined) throw new ChartError(`Chart.yaml file is missing`);
  let meta: ChartMetadata;
  try {
    meta = parse(chartText) as ChartMetadata;
  } catch (e) {
    throw new ChartError(`cannot load Chart.yaml: error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!meta || typeof meta !== 'object') throw new ChartError(`cannot load Chart.yaml: ${where}: chart metadata (Chart.yaml) missing`);
  if (!meta.apiVersion) throw new ChartError(`validation: chart.metadata.apiVersion is required`);
  if (!meta.name) throw new ChartError(`validation: chart.metadata.name is required`);
  if (!meta.version) throw new ChartError(`validation: chart.metadata.version is required`);
  meta.version = String(meta.version);
  if (meta.appVersion !== undefined) meta.appVersion = String(meta.appVersion);
  const valuesText = files['values.yaml'] ?? '';
  let values: Record<string, unknown> = {};
  try {
    values = (parse(valuesText) as Record<string, unknown>) ?? {};
  } catch (e) {
    throw new ChartError(`cannot load values.yaml: error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const templates = Object.keys(files)
    .filter((f) => f.startsWith('templates/'))
    .sort()
    .map((name) => ({ name, data: files[name] }));
  return { metadata: meta, values, valuesText, chartText, templates };
}
