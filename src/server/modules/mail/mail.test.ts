import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { API_PREFIX, buildApp } from '../../app';
import { ConfigError, loadConfig } from '../../config';
import { createSmtpMailer } from './mailer';

const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);

const MAIL_FROM = '某某银行客户经理工作台 <crm@bank.example>';

interface Received {
  mail: ParsedMail;
  user: unknown;
  envelopeTo: string[];
}

/** A real SMTP server on a free port: keeps what it receives, refuses recipients at refuse.example. */
async function startSmtpServer(inbox: Received[]) {
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'crm' && auth.password === 's3cret') return cb(null, { user: auth.username });
      return cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@refuse.example')) {
        return cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      }
      return cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ mail, user: session.user, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return { server, port };
}

/** A port nobody listens on: taken from the system, then let go. */
async function closedPort() {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

type App = Awaited<ReturnType<typeof buildApp>>;

/** A signed-in client (sessions live in the database, so any app of it accepts the cookie) on another app. */
const on = (app: App, client?: Client) => {
  const headers = client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {};
  return {
    get: (url: string): Promise<LightMyRequestResponse> =>
      app.inject({ method: 'GET', url: `${API_PREFIX}${url}`, headers }),
    post: (url: string, body: object): Promise<LightMyRequestResponse> =>
      app.inject({ method: 'POST', url: `${API_PREFIX}${url}`, headers, payload: body }),
  };
};

describe('mail settings', () => {
  it('takes an smtp:// or smtps:// URL and a sender, with a default sender', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ CRM_SMTP_URL: '' }).smtpUrl).toBeUndefined();
    expect(loadConfig({}).mailFrom).toBe('客户经理工作台 <no-reply@localhost>');
    const config = loadConfig({
      CRM_SMTP_URL: 'smtps://crm:pa%40ss@mail.bank.example:465',
      CRM_MAIL_FROM: 'crm@bank.example',
    });
    expect(config.smtpUrl).toBe('smtps://crm:pa%40ss@mail.bank.example:465');
    expect(config.mailFrom).toBe('crm@bank.example');
    expect(loadConfig({ CRM_SMTP_URL: 'smtp://localhost:2525' }).smtpUrl).toBe('smtp://localhost:2525');
  });

  it('refuses to start on a URL that is not smtp:// or smtps://, without echoing its password', () => {
    for (const url of ['http://user:topsecret@mail.example', 'mail.example:25', 'smtp://']) {
      expect(() => loadConfig({ CRM_SMTP_URL: url })).toThrow(ConfigError);
      try {
        loadConfig({ CRM_SMTP_URL: url });
      } catch (err) {
        expect((err as Error).message).toMatch(/CRM_SMTP_URL: must be smtp:\/\//);
        expect((err as Error).message).not.toContain('topsecret');
      }
    }
    expect(() => loadConfig({ CRM_MAIL_FROM: '客户经理工作台' })).toThrow(/CRM_MAIL_FROM/);
  });
});

describe.each(dialects())('e-mail to contact persons on %s', (dialect) => {
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const inbox: Received[] = [];
  let mailApp: App;
  let deadApp: App;
  let rm1: Client;
  let rm3: Client;
  let lead1: Client;
  let risk1: Client;
  let admin: Client;
  let customerId: number;
  let otherCustomerId: number;
  let hiddenCustomerId: number;
  let contactId: number;
  let noEmailContactId: number;
  let refusingContactId: number;
  let otherContactId: number;
  let hiddenContactId: number;

  const newCustomer = async (client: Client) => {
    const res = await client.post('/customers', buildCustomer());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const contact = async (client: Client, id: number, name: string, email: string | null) => {
    const res = await client.post(`/customers/${id}/contacts`, { name, role: 'finance_head', email });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const emailUrl = (customer = customerId, person = contactId) =>
    `/customers/${customer}/contacts/${person}/email`;
  const interactionCount = async () =>
    Number(
      (
        await ctx.deps.db
          .selectFrom('interactions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    smtp = await startSmtpServer(inbox);
    mailApp = await buildApp({
      ...ctx.deps,
      mailer: createSmtpMailer(`smtp://crm:s3cret@127.0.0.1:${smtp.port}`, MAIL_FROM),
    });
    deadApp = await buildApp({
      ...ctx.deps,
      mailer: createSmtpMailer(`smtp://127.0.0.1:${await closedPort()}`, MAIL_FROM),
    });
    [rm1, rm3, lead1, risk1, admin] = await ctx.loginAll('rm1', 'rm3', 'lead1', 'risk1', 'admin');
    customerId = await newCustomer(rm1);
    otherCustomerId = await newCustomer(rm1);
    hiddenCustomerId = await newCustomer(rm3);
    contactId = await contact(rm1, customerId, '李财务', 'li.caiwu@customer.example');
    noEmailContactId = await contact(rm1, customerId, '王董事长', null);
    refusingContactId = await contact(rm1, customerId, '赵会计', 'zhao@refuse.example');
    otherContactId = await contact(rm1, otherCustomerId, '张经理', 'zhang@other.example');
    hiddenContactId = await contact(rm3, hiddenCustomerId, '陈总', 'chen@hidden.example');
  });
  afterAll(async () => {
    await mailApp?.close();
    await deadApp?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
    await ctx?.close();
  });
  beforeEach(() => {
    inbox.length = 0;
  });

  it('sends the mail from the manager, with Chinese subject and body intact, and records it as a contact', async () => {
    const subject = '关于贵司年底资金安排的建议';
    const body =
      '李总您好：\n\n附上我行本季度的定期存款方案，利率优于活期。\n如有疑问请随时联系。\n\n此致\n敬礼';
    const res = await on(mailApp, rm1).post(emailUrl(), { subject: `  ${subject} `, body });
    expect(res.statusCode, res.body).toBe(201);

    expect(inbox).toHaveLength(1);
    const { mail, user, envelopeTo } = inbox[0]!;
    expect(user).toBe('crm'); // the credentials of CRM_SMTP_URL were used
    expect(envelopeTo).toEqual(['li.caiwu@customer.example']);
    const to = [mail.to].flat()[0]!;
    expect(to.value).toEqual([{ address: 'li.caiwu@customer.example', name: '' }]);
    expect(mail.from?.value).toEqual([{ address: 'crm@bank.example', name: 'RM1 · 客户经理工作台' }]);
    expect(mail.subject).toBe(subject);
    expect(mail.text?.trimEnd()).toBe(body);

    const recorded = res.json();
    expect(recorded).toMatchObject({
      customer: { id: customerId },
      contact: { id: contactId, name: '李财务' },
      channel: 'email',
      direction: 'outbound',
      purpose: subject,
      summary: `${subject}\n\n${body}`,
      outcome: `sent (${mail.messageId})`,
      recordedBy: { id: ctx.users.rm1, name: 'RM1' },
      version: 1,
    });
    expect(Math.abs(Date.parse(recorded.occurredAt) - Date.now())).toBeLessThan(60_000);

    const listed = await rm1.get(`/interactions?customerId=${customerId}&channel=email`);
    expect(listed.json().items.map((i: { id: number }) => i.id)).toContain(recorded.id);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'interaction')
      .where('entity_id', '=', String(recorded.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_id: ctx.users.rm1, customer_id: customerId });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ channel: 'email', purpose: subject });
  });

  it('lets the team lead write to a contact of the team, as the team lead', async () => {
    const res = await on(mailApp, lead1).post(emailUrl(), {
      subject: '拜访预约',
      body: '下周二上午方便吗？',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().recordedBy).toEqual({ id: ctx.users.lead1, name: 'LEAD1' });
    expect(inbox[0]!.mail.from?.value[0]?.name).toBe('LEAD1 · 客户经理工作台');
  });

  it('keeps a long mail whole but cuts the contact record’s summary to 4000 characters', async () => {
    const body = '存'.repeat(10_000);
    const res = await on(mailApp, rm1).post(emailUrl(), { subject: '长邮件', body });
    expect(res.statusCode, res.body).toBe(201);
    expect(inbox[0]!.mail.text?.trimEnd()).toBe(body);
    const { summary } = res.json();
    expect(summary).toHaveLength(4000);
    expect(summary.startsWith('长邮件\n\n存存')).toBe(true);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('answers 400 naming contactId for a contact without an e-mail address, and sends nothing', async () => {
    const before = await interactionCount();
    const res = await on(mailApp, rm1).post(emailUrl(customerId, noEmailContactId), {
      subject: '问候',
      body: '您好',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(fieldPaths(res)).toEqual(['body.contactId']);
    expect(res.json().error.message).toMatch(/no e-mail address/);
    expect(inbox).toHaveLength(0);
    expect(await interactionCount()).toBe(before);
  });

  it('answers 404 for a contact of another customer, and for a customer the caller cannot see', async () => {
    const mail = { subject: '问候', body: '您好' };
    const wrongCustomer = await on(mailApp, rm1).post(emailUrl(customerId, otherContactId), mail);
    expect(wrongCustomer.statusCode, wrongCustomer.body).toBe(404);
    expect(wrongCustomer.json().error.message).toBe('Contact not found');
    const missing = await on(mailApp, rm1).post(emailUrl(customerId, 999_999), mail);
    expect(missing.statusCode).toBe(404);
    const hidden = await on(mailApp, rm1).post(emailUrl(hiddenCustomerId, hiddenContactId), mail);
    expect(hidden.statusCode, hidden.body).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');
    expect(inbox).toHaveLength(0);
  });

  it('answers 403 to risk officers and administrators and 401 to the anonymous', async () => {
    const mail = { subject: '问候', body: '您好' };
    expect((await on(mailApp, risk1).post(emailUrl(), mail)).statusCode).toBe(403);
    expect((await on(mailApp, admin).post(emailUrl(), mail)).statusCode).toBe(403);
    expect((await on(mailApp).post(emailUrl(), mail)).statusCode).toBe(401);
    expect(inbox).toHaveLength(0);
  });

  it('answers 400 naming the field for a bad subject or body', async () => {
    const cases: [object, string][] = [
      [{ subject: '   ', body: '您好' }, 'body.subject'],
      [{ subject: '', body: '您好' }, 'body.subject'],
      [{ subject: '第一行\r\nBcc: all@bank.example', body: '您好' }, 'body.subject'],
      [{ subject: '主'.repeat(201), body: '您好' }, 'body.subject'],
      [{ subject: '问候', body: '' }, 'body.body'],
      [{ subject: '问候', body: '文'.repeat(10_001) }, 'body.body'],
      [{ subject: '问候', body: '您好', cc: 'x@example.com' }, 'body.cc'],
    ];
    for (const [mail, field] of cases) {
      const res = await on(mailApp, rm1).post(emailUrl(), mail);
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldPaths(res)).toContain(field);
    }
    expect(inbox).toHaveLength(0);
  });

  it('answers 502 and records nothing when the mail server refuses the recipient', async () => {
    const before = await interactionCount();
    const res = await on(mailApp, rm1).post(emailUrl(customerId, refusingContactId), {
      subject: '问候',
      body: '您好',
    });
    expect(res.statusCode, res.body).toBe(502);
    expect(res.json().error.code).toBe('mail_failed');
    expect(res.json().error.message).toMatch(/refused.*550/);
    expect(await interactionCount()).toBe(before);
  });

  it('answers 502 and records nothing when the mail server cannot be reached', async () => {
    const before = await interactionCount();
    const res = await on(deadApp, rm1).post(emailUrl(), { subject: '问候', body: '您好' });
    expect(res.statusCode, res.body).toBe(502);
    expect(res.json().error).toMatchObject({
      code: 'mail_failed',
      message: expect.stringMatching(/reached/),
    });
    expect(res.body).not.toContain('127.0.0.1');
    expect(await interactionCount()).toBe(before);
  });

  it('answers 503 when e-mail is not set up, and says so in /mail/status', async () => {
    const res = await rm1.post(emailUrl(), { subject: '问候', body: '您好' });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().error.code).toBe('mail_not_configured');
    expect(res.json().error.message).toMatch(/CRM_SMTP_URL/);

    for (const client of [rm1, lead1, risk1, admin]) {
      const status = await client.get('/mail/status');
      expect(status.statusCode, status.body).toBe(200);
      expect(status.json()).toEqual({ configured: false, from: null });
    }
  });

  it('tells every role in /mail/status that e-mail is set up and as whom; not the anonymous', async () => {
    for (const client of [rm1, lead1, risk1, admin]) {
      const status = await on(mailApp, client).get('/mail/status');
      expect(status.statusCode, status.body).toBe(200);
      expect(status.json()).toEqual({ configured: true, from: MAIL_FROM });
    }
    expect((await on(mailApp).get('/mail/status')).statusCode).toBe(401);
  });
});
