// tls.checkServerIdentity (what tedious calls) for every case x host.
// Usage: node check_node.mjs DIR CASES_JSON HOSTS_JSON; prints {case: {host: bool}}.
import fs from "node:fs";
import path from "node:path";
import tls from "node:tls";
import { X509Certificate } from "node:crypto";

const [dir, casesJson, hostsJson] = process.argv.slice(2);
const out = {};
for (const c of JSON.parse(casesJson)) {
  const cert = new X509Certificate(fs.readFileSync(path.join(dir, `${c}.pem`))).toLegacyObject();
  out[c] = {};
  for (const host of JSON.parse(hostsJson)) {
    out[c][host] = tls.checkServerIdentity(host, cert) === undefined;
  }
}
process.stdout.write(JSON.stringify(out));
