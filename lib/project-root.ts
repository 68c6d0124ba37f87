import * as fs from 'fs';
import * as path from 'path';

/** The directory holding sqsguard's package.json, whether running from sources or from dist/. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
