// A module hook that lists every module a process loads, one `loaded <url>` line on stderr.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
export async function load(url, context, next) {
  const result = await next(url, context);
  process.stderr.write("loaded " + url + "\\n");
  return result;
}`)}`,
);
