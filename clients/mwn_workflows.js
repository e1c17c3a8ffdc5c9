// The account workflows as mwn's users write them (scripts/client-matrix.py runs this; the contract is the one of
// common.py: one JSON argument naming the target, one JSON object of steps written to its `report` file).
//
// mwn wraps login (action=login: a bot password, or a main password, which MediaWiki accepts there with a
// deprecation warning), logout, tokens (getTokens, getCsrfToken), createAccount (anonymous or logged in),
// userinfo and saveOption(s) (action=options); everything else goes through bot.request(), its generic call.
// It sends format=json, formatversion=2 and maxlag=5 with every request.
'use strict';
const fs = require('fs');
const { Mwn } = require('mwn');
const pkg = require('mwn/package.json');

const T = JSON.parse(process.argv[2]);
const [ADMIN, ADMIN_PASSWORD] = T.admin;
const [BOT, BOT_PASSWORD] = T.bot;
const steps = [];
let workflow = null;
const user = (stem) => stem + T.suffix;

function describe(e) {
	if (e && e.constructor && e.constructor.name.startsWith('Mwn') && e.code !== undefined) {
		return `exception:${e.constructor.name}(${e.code})`;
	}
	return `exception:${e && e.constructor ? e.constructor.name : typeof e}`;
}

async function step(name, fn) {
	let outcome;
	let values;
	try {
		const result = await fn();
		if (Array.isArray(result)) {
			[outcome, values] = result;
		} else {
			[outcome, values] = ['pass', result];
		}
	} catch (e) {
		outcome = describe(e);
		// `detail` is for the reader (the message; the stack when the error has no code), never compared
		values = { detail: outcome.includes('(') ? String(e && e.message).slice(0, 400) : String(e && e.stack).slice(0, 900) };
	}
	steps.push({ workflow, step: name, outcome, values: values || {} });
	return outcome;
}

function bot(username, password) {
	return new Mwn({
		apiUrl: T.api,
		username,
		password,
		userAgent: 'mwcheck-client-matrix (mwn)',
		silent: true,
		maxRetries: 0,
		retryPause: 100,
	});
}

function tokenShape(token) {
	if (token === '+\\') return 'anonymous';
	if (/^[0-9a-f]{32,40}\+\\$/.test(token || '')) return 'hex+\\';
	return 'other';
}

async function mails() {
	if (T.outbox.url) {
		const r = await fetch(T.outbox.url);
		return r.json();
	}
	try {
		return fs.readFileSync(T.outbox.file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
	} catch {
		return [];
	}
}

async function temporaryPassword(before, address) {
	const re = /Temporary password:\s*([0-9a-v]{10})|with password "([0-9a-v]{10})"/;
	for (let i = 0; i < 50; i++) {
		for (const mail of (await mails()).slice(before)) {
			if (JSON.stringify(mail.to || mail).includes(address)) {
				const m = re.exec(mail.body || JSON.stringify(mail));
				if (m) return m[1] || m[2];
			}
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no mail with a temporary password to ${address}`);
}

const created = (data) => ({ status: data.status, username: data.username });

async function main() {
	let b;

	workflow = 'site';
	b = bot();
	await step('getSiteInfo()', async () => {
		await b.getSiteInfo();
		return { mainpage: new b.Title('Main Page').toText(), userNs: new b.Title('User:X').getNamespaceId() };
	});
	await step('userinfo()', async () => {
		const u = await b.userinfo();
		return { anon: Boolean(u.anon), name: u.name };
	});
	await step("query list=allusers (generic)", async () => ({
		names: (await b.query({ list: 'allusers', aufrom: ADMIN, aulimit: 1 })).query.allusers.map((u) => u.name),
	}));
	await step("new bot.User('Admin').info()", async () => {
		const info = await new b.User(ADMIN).info(['groups', 'editcount']);
		return { groups: info.groups.sort() };
	});

	workflow = 'tokens';
	b = bot();
	await step('getTokens()', async () => {
		await b.getTokens();
		return Object.fromEntries(Object.entries(b.state).filter(([k]) => k.endsWith('token')).sort()
			.map(([k, v]) => [k, tokenShape(v)]));
	});
	await step('getCsrfToken()', async () => ({ shape: tokenShape(await b.getCsrfToken()) }));
	await step('getTokenType(createaccount) (paraminfo)', async () => ({ type: await b.getTokenType('createaccount') }));
	await step('getTokenType(resetpassword) (paraminfo)', async () => ({ type: await b.getTokenType('resetpassword') }));

	workflow = 'login-main';
	b = bot(ADMIN, ADMIN_PASSWORD);
	await step('login() main password (action=login)', async () => {
		const r = await b.login();
		return { result: r.result, lgusername: r.lgusername, loggedIn: b.loggedIn };
	});
	await step('userinfo() after', async () => {
		const u = await b.userinfo({ uiprop: 'groups' });
		return { name: u.name, groups: u.groups.sort() };
	});
	await step('login() again while logged in', async () => (await b.login()).result);
	b = bot(ADMIN, 'wrong-password-1');
	await step('login() wrong password', async () => (await b.login()).result);
	b = bot(user('Nosuchuser'), 'whatever-12345');
	await step('login() unknown user', async () => (await b.login()).result);
	await step('Mwn.init() without credentials', async () => {
		await Mwn.init({ apiUrl: T.api, silent: true, maxRetries: 0 });
	});

	workflow = 'login-bot';
	b = bot(BOT, BOT_PASSWORD);
	await step('login() bot password', async () => {
		const r = await b.login();
		return { result: r.result, lgusername: r.lgusername };
	});
	await step('csrf token after login', async () => ({ shape: tokenShape(b.csrfToken) }));
	await step('login() again (already logged in)', async () => (await b.login()).result);
	b = bot(BOT, '0123456789abcdef0123456789abcdef');
	await step('login() bot, wrong password', async () => (await b.login()).result);
	await step('Mwn.init() with a bot password', async () => {
		const i = await Mwn.init({ apiUrl: T.api, username: BOT, password: BOT_PASSWORD, silent: true });
		return { loggedIn: i.loggedIn, shape: tokenShape(i.csrfToken) };
	});

	workflow = 'createaccount';
	b = bot();
	await step('createAccount() anonymous PASS', async () => created(await b.createAccount(user('Mwnanon'), 'Good-pass-12345')));
	b = bot(ADMIN, ADMIN_PASSWORD);
	await step('set-up: login() as admin', async () => (await b.login()).result);
	await step('createAccount() logged in PASS', async () => created(await b.createAccount(user('Mwnnew'), 'Good-pass-12345')));
	await step('createAccount() userexists', async () => created(await b.createAccount(user('Mwnnew'), 'Good-pass-12345')));
	await step('createAccount() password policy (short)', async () => created(await b.createAccount(user('Mwnshort'), 'abc')));
	await step('createAccount() password = user name', async () => created(await b.createAccount(user('Mwnsame'), user('Mwnsame'))));
	const createtoken = async () => (await b.query({ meta: 'tokens', type: 'createaccount' })).query.tokens.createaccounttoken;
	await step('request createaccount with email (generic)', async () => {
		const r = await b.request({ action: 'createaccount', createtoken: await createtoken(), username: user('Mwnmail'),
			password: 'Good-pass-12345', retype: 'Good-pass-12345', email: 'mwn@example.org', realname: '',
			createreturnurl: 'http://127.0.0.1/' });
		return [r.createaccount.status === 'PASS' ? 'pass' : `fail:${r.createaccount.messagecode}`, created(r.createaccount)];
	});
	await step('request createaccount badretype (generic)', async () => {
		const r = await b.request({ action: 'createaccount', createtoken: await createtoken(), username: user('Mwnretype'),
			password: 'Good-pass-12345', retype: 'Other-pass-12345', createreturnurl: 'http://127.0.0.1/' });
		return [r.createaccount.status === 'PASS' ? 'pass' : `fail:${r.createaccount.messagecode}`, { status: r.createaccount.status }];
	});
	await step('request createaccount badtoken', async () => b.request({ action: 'createaccount', createtoken: 'bad+\\',
		username: user('Mwnx'), password: 'Good-pass-12345', retype: 'Good-pass-12345', createreturnurl: 'http://127.0.0.1/' }));
	await step('new bot.User(new).info()', async () => {
		const info = await new b.User(user('Mwnnew')).info();
		return { name: info.name, missing: Boolean(info.missing) };
	});

	workflow = 'validatepassword';
	b = bot();
	for (const [label, params] of [['anonymous good', { password: 'Good-pass-12345', user: user('Mwnvalid') }],
		['anonymous short', { password: 'abc' }], ['anonymous common', { password: 'password' }]]) {
		await step(`validatepassword ${label}`, async () => ({
			validity: (await b.request({ action: 'validatepassword', ...params })).validatepassword.validity,
		}));
	}

	workflow = 'resetpassword';
	b = bot();
	const resetUser = user('Mwnmail');
	const before = (await mails()).length;
	await step('resetpassword (anonymous, user)', async () => {
		await b.getTokens();
		return { status: (await b.request({ action: 'resetpassword', user: resetUser, token: b.csrfToken })).resetpassword.status };
	});
	let temp = 'none';
	await step('temporary password mailed', async () => {
		temp = await temporaryPassword(before, 'mwn@example.org');
		return { found: true };
	});
	b = bot(resetUser, temp);
	await step('login() with the temporary password (action=login)', async () => (await b.login()).result);
	b = bot();
	await step('request clientlogin with the temporary password (generic)', async () => {
		const token = (await b.query({ meta: 'tokens', type: 'login' })).query.tokens.logintoken;
		const r = await b.request({ action: 'clientlogin', username: resetUser, password: temp, logintoken: token,
			loginreturnurl: 'http://127.0.0.1/' });
		return { status: r.clientlogin.status, fields: r.clientlogin.requests.flatMap((q) => Object.keys(q.fields || {})).sort() };
	});
	await step('request clientlogin logincontinue new password', async () => {
		const token = (await b.query({ meta: 'tokens', type: 'login' })).query.tokens.logintoken;
		const r = await b.request({ action: 'clientlogin', logincontinue: true, password: 'Newer-pass-12345',
			retype: 'Newer-pass-12345', logintoken: token });
		return { status: r.clientlogin.status, username: r.clientlogin.username };
	});

	workflow = 'preferences';
	b = bot(resetUser, 'Newer-pass-12345');
	await step('set-up: login() with the new password', async () => (await b.login()).result);
	const options = async () => (await b.userinfo({ uiprop: 'options' })).options;
	await step("userinfo({uiprop: 'options'})", async () => {
		const o = await options();
		return { skin: o.skin, gender: o.gender, language: o.language, date: o.date };
	});
	await step("saveOption('gender', 'female')", async () => (await b.saveOption('gender', 'female')).options);
	await step("saveOptions({'userjs-mwcheck': 'x', 'date': 'ISO 8601'})", async () =>
		(await b.saveOptions({ 'userjs-mwcheck': 'x', date: 'ISO 8601' })).options);
	await step('options read back', async () => {
		const o = await options();
		return { gender: o.gender, 'userjs-mwcheck': o['userjs-mwcheck'], date: o.date };
	});
	await step("saveOption('gender', 'nonsense')", async () => (await b.saveOption('gender', 'nonsense')).options);
	await step('request options reset', async () => (await b.request({ action: 'options', reset: true, token: b.csrfToken })).options);
	await step('options after reset', async () => {
		const o = await options();
		return { gender: o.gender, 'userjs-mwcheck': o['userjs-mwcheck'] ?? null, date: o.date };
	});

	workflow = 'logout';
	b = bot(BOT, BOT_PASSWORD);
	await step('set-up: login() bot password', async () => (await b.login()).result);
	await step('logout()', async () => {
		await b.logout();
		return { loggedIn: b.loggedIn };
	});
	await step('userinfo() after', async () => ({ anon: Boolean((await b.userinfo()).anon) }));
	await step('logout() when logged out', async () => {
		await b.logout();
		return {};
	});

	workflow = 'errors';
	b = bot();
	await step('unknown action', async () => b.request({ action: 'nosuchaction' }));
	await step("assert: 'user' anonymous", async () => b.request({ action: 'query', meta: 'userinfo', assert: 'user' }));
	await step('missing parameter', async () => b.request({ action: 'validatepassword' }));
	await step('resetpassword badtoken', async () => b.request({ action: 'resetpassword', user: ADMIN, token: 'bad+\\' }));
}

main().catch((e) => {
	steps.push({ workflow, step: 'program', outcome: describe(e), values: { detail: String(e && e.stack).slice(0, 900) } });
}).finally(() => {
	fs.writeFileSync(T.report, JSON.stringify({ library: 'mwn', version: pkg.version, steps }, null, 1) + '\n');
});
