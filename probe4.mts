let t = performance.now();
for (const m of [
  "undici",
  "cheerio",
  "ajv/dist/2020.js",
  "n3",
  "jsonld",
  "rdf-validate-shacl",
  "@zazuko/env-node",
  "csv-stringify/sync",
]) {
  await import(m);
  const n = performance.now();
  console.log(m, Math.round(n - t));
  t = n;
}
for (const m of ["./pipeline/run/index.ts"]) {
  await import(m);
  console.log(m, Math.round(performance.now() - t));
}
