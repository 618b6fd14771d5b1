// A real OpenID Connect provider for the single sign-on tests: panva's certified
// oidc-provider (package.json), on 127.0.0.1 only.
//
//   node provider.mjs CONFIG.json
//
// CONFIG.json: {"port": 8121, "clients": [{client_id, client_secret, redirect_uris}],
//               "state": "/path/state.json"}
// The state file is read at every request, so that each test says who signs in and what the
// provider claims, without a restart:
//   {"account": "alice",                  who the sign-in page logs in (no form: automatic)
//    "deny": false,                       true: the person refuses (error=access_denied)
//    "amr": ["pwd"],                      how the provider says it authenticated them
//    "mode": "",                          "rogue_jwks": publish a key that did not sign
//                                         "tamper_id_token": alter the ID token after signing
//    "accounts": {"alice": {claims...}}}
// Prints "ready <issuer>" once listening.
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const state = () => JSON.parse(readFileSync(config.state, 'utf8'));
const issuer = `http://127.0.0.1:${config.port}`;

async function signingKey(kid) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}
const signing = await signingKey('waypoint-test');
const rogue = await signingKey('waypoint-test'); // same kid, another key
const rogueJwks = { keys: [{ kty: rogue.kty, n: rogue.n, e: rogue.e, kid: rogue.kid, alg: 'RS256', use: 'sig' }] };

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  jwks: { keys: [signing] },
  pkce: { required: () => false },
  claims: {
    openid: ['sub', 'amr', 'acr', 'auth_time'], // how the person signed in, in the ID token
    email: ['email', 'email_verified'],
    profile: ['name', 'department', 'groups', 'realm_access'],
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party client: no consent screen, every requested scope granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const claims = state().accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  cookies: { keys: ['waypoint-test-cookie-key'] },
  ttl: { Session: 60, Interaction: 60, Grant: 60, AccessToken: 60, AuthorizationCode: 60, IdToken: 60 },
});

const b64 = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');

provider.use(async (ctx, next) => {
  const now = state();
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (match) {
    // The sign-in page: logs in the state's account at once, or refuses if told to.
    const result = now.deny
      ? { error: 'access_denied', error_description: 'The person refused.' }
      : { login: { accountId: now.account, amr: now.amr || ['pwd'] } };
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    ctx.respond = false;
    return;
  }
  if (ctx.path === '/jwks' && now.mode === 'rogue_jwks') {
    ctx.type = 'application/json';
    ctx.body = rogueJwks;
    return;
  }
  await next();
  if (ctx.path === '/token' && now.mode === 'tamper_id_token' && ctx.body?.id_token) {
    // Someone between the provider and Waypoint claims a second factor that never happened.
    const [header, payload, signature] = ctx.body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    ctx.body = { ...ctx.body, id_token: [header, b64({ ...claims, amr: ['mfa', 'otp'] }), signature].join('.') };
  }
});

provider.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
