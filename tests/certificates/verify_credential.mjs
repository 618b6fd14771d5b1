// An independent verifier of Waypoint's credentials, run by tests/certificates/
// test_credentials_independent.py: the npm `jose` library (not PyJWT, which signed) checks
// the VC-JWT against the published key set, then the VC claims, then the credential's bit
// in the signed Bitstring Status List. Reads {jwks, credential, statusList} as JSON on
// standard input; prints {verified, revoked, kid, ...} or {verified: false, error}.
import { gunzipSync } from "node:zlib";
import { createLocalJWKSet, jwtVerify } from "jose";

const VC = "https://www.w3.org/ns/credentials/v2";
const OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

function fail(error) {
  console.log(JSON.stringify({ verified: false, error }));
  process.exit(0);
}

function expect(condition, error) {
  if (!condition) fail(error);
}

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));
const keys = createLocalJWKSet(input.jwks);
// The credential's own dates are the caller's business (an expired one is reported as
// expired, not as forged): pass a clock inside its validity when given.
const options = { algorithms: ["EdDSA"], typ: "vc+jwt" };
if (input.at) options.currentDate = new Date(input.at);

let credential, header;
try {
  ({ payload: credential, protectedHeader: header } = await jwtVerify(input.credential, keys, options));
} catch (error) {
  fail(`signature: ${error.code || error.message}`);
}
expect(credential["@context"]?.[0] === VC, "first context is not VC 2.0");
expect(credential["@context"].includes(OB), "no Open Badges 3.0 context");
expect(credential.type.includes("VerifiableCredential"), "not a VerifiableCredential");
expect(credential.type.includes("OpenBadgeCredential"), "not an OpenBadgeCredential");
expect(credential.issuer?.id === credential.iss, "iss is not the issuer");
expect(credential.jti === credential.id, "jti is not the credential id");
expect(Date.parse(credential.validFrom) / 1000 === credential.nbf, "nbf is not validFrom");
if (credential.validUntil) {
  expect(Date.parse(credential.validUntil) / 1000 === credential.exp, "exp is not validUntil");
}
const subject = credential.credentialSubject;
expect(subject.type.includes("AchievementSubject"), "no AchievementSubject");
const email = subject.identifier.find((i) => i.identityType === "emailAddress");
expect(email?.hashed === true && /^sha256\$[0-9a-f]{64}$/.test(email.identityHash), "e-mail not hashed");
expect(typeof email.salt === "string" && email.salt.length >= 16, "no salt");
expect(subject.achievement?.type.includes("Achievement"), "no Achievement");
expect(subject.achievement.criteria?.narrative, "no criteria");

let revoked = null;
if (input.statusList) {
  const entry = credential.credentialStatus;
  expect(entry?.type === "BitstringStatusListEntry", "no status entry");
  let list;
  try {
    ({ payload: list } = await jwtVerify(input.statusList, keys, { algorithms: ["EdDSA"] }));
  } catch (error) {
    fail(`status list signature: ${error.code || error.message}`);
  }
  expect(list.id === entry.statusListCredential, "not the credential's status list");
  expect(list.type.includes("BitstringStatusListCredential"), "not a status list");
  const encoded = list.credentialSubject.encodedList;
  expect(encoded.startsWith("u"), "encodedList is not base64url multibase");
  const bits = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  expect(bits.length >= 16384, "status list shorter than 16 KB");
  const index = Number(entry.statusListIndex);
  revoked = Boolean(bits[index >> 3] & (0x80 >> (index % 8)));
}
console.log(JSON.stringify({ verified: true, revoked, kid: header.kid, id: credential.id }));
