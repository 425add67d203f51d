import { registerHooks } from 'node:module';

/**
 * Node 24 tells whether a `.js` file is an ES module from the nearest package.json, and to do so parses that
 * file's whole `exports` map again for every file it resolves. drizzle-orm's package.json is 180 KB with 450
 * entries, read once for each of the files a query loads: most of a second and some 200 MiB of garbage. Every
 * file of a folder has the same nearest package.json, hence the same format, so a relative import of a `.js`
 * file of a dependency, into a folder already seen to hold ES modules, is one too.
 */
export function cacheModuleFormats(): void {
  const formats = new Map<string, string>();
  const folderOf = (url: string) => url.slice(0, url.lastIndexOf('/') + 1);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (relative && specifier.endsWith('.js') && context.parentURL?.includes('/node_modules/')) {
        const url = new URL(specifier, context.parentURL).href;
        if (formats.get(folderOf(url)) === 'module') return { url, format: 'module', shortCircuit: true };
      }
      const resolved = nextResolve(specifier, context);
      if (resolved.format && resolved.url.endsWith('.js') && resolved.url.includes('/node_modules/')) {
        formats.set(folderOf(resolved.url), resolved.format);
      }
      return resolved;
    },
  });
}
