import { Report } from '../engine/report';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function render(report: Report, format: Format, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return renderSarif(report);
    case 'junit':
      return renderJunit(report);
    default:
      return renderText(report, { color: options.color ?? false });
  }
}

export { renderJson, renderJunit, renderMarkdown, renderSarif, renderText };
