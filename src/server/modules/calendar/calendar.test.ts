import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  type Client,
  createTestContext,
  dialects,
  type TestContext,
} from '../../../../tests/support/test-app';
import { bankDate } from '../../../shared/schemas/common';
import { date, fold, text, utcDateTime, writeIcal } from './ical';

const DAY = 86_400_000;
const fieldPaths = (res: { json(): { error: { fields?: { path: string }[] } } }) =>
  (res.json().error.fields ?? []).map((f) => f.path);
const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The events of a feed by UID, and the calendar component. */
function parseFeed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = new Map(
    calendar.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return [event.uid, event] as const;
    }),
  );
  return { calendar, events };
}

describe('the iCalendar writer', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT and drops other controls', () => {
    expect(text('a\\b;c,d\ne\r\nf\rg\u0007h\ti')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti');
  });

  it('writes UTC date-times and dates', () => {
    expect(utcDateTime('2026-12-01T09:30:05+08:00')).toBe('20261201T013005Z');
    expect(date('2026-03-09')).toBe('20260309');
  });

  it('folds at 75 octets of UTF-8 without splitting a character, and unfolds to the original', () => {
    const lines = [
      `DESCRIPTION:${'x'.repeat(300)}`,
      `DESCRIPTION:${'客户经理拜访计划说明'.repeat(30)}`,
      `SUMMARY:${'a😀客é'.repeat(40)}`,
      `SUMMARY:${'😀'.repeat(19)}`,
      'SHORT:ok',
    ];
    for (const line of lines) {
      const folded = fold(line);
      const parts = folded.split('\r\n');
      for (const [i, part] of parts.entries()) {
        expect(octets(part)).toBeLessThanOrEqual(75);
        expect(part).not.toMatch(loneSurrogate);
        if (i > 0) expect(part.startsWith(' ')).toBe(true);
        // Full lines: the next character would not have fitted.
        if (i < parts.length - 1) {
          const next = Array.from(parts[i + 1]!.slice(1))[0]!;
          expect(octets(part) + octets(next)).toBeGreaterThan(75);
        }
      }
      expect(folded.replaceAll('\r\n ', '')).toBe(line);
    }
    expect(fold('SHORT:ok')).toBe('SHORT:ok');
    expect(fold(`X:${'y'.repeat(73)}`)).toBe(`X:${'y'.repeat(73)}`); // exactly 75
    expect(fold(`X:${'y'.repeat(74)}`)).toBe(`X:${'y'.repeat(73)}\r\n y`);
  });

  it('ends every line with CRLF, and ical.js reads every special character back', () => {
    const tricky = `第一行：a\\b;c,d\n第二行 😀 ${'很长的中文描述'.repeat(20)}`;
    const ics = writeIcal({
      name: 'VCALENDAR',
      properties: [
        { name: 'VERSION', value: '2.0' },
        { name: 'PRODID', value: '-//test//test//EN' },
      ],
      components: [
        {
          name: 'VEVENT',
          properties: [
            { name: 'UID', value: 'x@y' },
            { name: 'DTSTAMP', value: utcDateTime(new Date(0)) },
            { name: 'DTSTART', params: { VALUE: 'DATE' }, value: date('2026-01-02') },
            { name: 'DESCRIPTION', value: text(tricky) },
            { name: 'LOCATION', params: { ALTREP: 'cid:a;b' }, value: text('x') },
          ],
        },
      ],
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(ics).toContain('LOCATION;ALTREP="cid:a;b":x\r\n');
    const event = parseFeed(ics).events.get('x@y')!;
    expect(event.description).toBe(tricky);
    expect(event.startDate.toString()).toBe('2026-01-02');
  });
});

describe.each(dialects())('calendar on %s', (dialect) => {
  let ctx: TestContext;
  let rm1: Client;
  let rm2: Client;
  let rm3: Client;
  let lead1: Client;
  let lead2: Client;
  let risk1: Client;
  let corporate: { id: number; code: string; name: string };
  let individual: { id: number; code: string; name: string };
  let contactId: number;
  /** Bank days from the start of the tests, fixed before the clock moves. */
  const days: string[] = [];
  const ids = {} as Record<'p1' | 'p2' | 'p3' | 'p4' | 'far' | 'other' | 't1' | 't2' | 't3' | 'tFar', number>;
  const plans = {} as Record<'p1' | 'p2' | 'p4', { startsAt: string }>;

  const PLACE = '上海市浦东新区世纪大道 100 号, 5 楼; 会议室\n请在前台登记';
  const AGENDA = `1. 介绍定期存款、大额存单与结构性存款的利率方案，并说明提前支取的规则；\n2. 了解客户年末资金回笼、代发工资与跨境结算的安排（含外汇额度）。${'关注客户的供应链融资需求，准备授信材料清单。'.repeat(6)}`;
  const OBJECTIVE = '新增单位定期存款';

  const at = (plus: number, hour: number) => `${days[plus]}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  const plan = async (body: Record<string, unknown>, client = rm1) => {
    const res = await client.post('/visit-plans', {
      customerId: corporate.id,
      contactIds: [contactId],
      agenda: '寒暄',
      objectives: [
        {
          what: OBJECTIVE,
          needTag: 'deposit',
          product: 'time_deposit',
          metric: '新增定期存款余额',
          unit: 'yuan',
          target: 3_000_000,
          justification: '年末回款约 500 万元，客户有存放意愿',
          dueOn: days[40],
        },
      ],
      products: ['time_deposit'],
      submit: true,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const task = async (body: Record<string, unknown>, client = rm1) => {
    const res = await client.post('/tasks', { title: '准备授信材料', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const range = (from: string, to: string, extra = '') => `/calendar?from=${from}&to=${to}${extra}`;
  const summary = (events: { kind: string; id: number }[]) => events.map((e) => `${e.kind}:${e.id}`);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [rm1, rm2, rm3, lead1, lead2, risk1] = await ctx.loginAll('rm1', 'rm2', 'rm3', 'lead1', 'lead2', 'risk1');
    for (let i = 0; i <= 200; i++) days.push(bankDate(new Date(ctx.deps.clock().getTime() + i * DAY)));
    corporate = (await rm1.post('/customers', buildCustomer())).json();
    individual = (await rm1.post('/customers', buildCustomer({ kind: 'individual' }))).json();
    contactId = (
      await rm1.post(`/customers/${corporate.id}/contacts`, { name: '钱总', role: 'decision_maker' })
    ).json().id;

    const p1 = await plan({ startsAt: at(3, 10), durationMinutes: 90, place: PLACE, agenda: AGENDA });
    const p2 = await plan({ customerId: individual.id, contactIds: [], startsAt: at(5, 14), submit: false });
    const p3 = await plan({ startsAt: at(4, 9) });
    const cancel = await rm1.post(`/visit-plans/${p3.id}/cancel`, { version: p3.version });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // 07:00 in Shanghai is the evening before in UTC: it must still count on its bank day.
    const p4 = await plan({ startsAt: at(6, 7), place: null });
    const far = await plan({ startsAt: at(190, 10), submit: false });
    const otherCustomer = (await rm3.post('/customers', buildCustomer())).json();
    const other = await plan({ customerId: otherCustomer.id, contactIds: [], startsAt: at(3, 11) }, rm3);

    const t1 = await task({ dueOn: days[3], customerId: corporate.id });
    const t2 = await task({ dueOn: days[4], title: '回访客户' });
    const done = await rm1.patch(`/tasks/${t2.id}`, { version: t2.version, status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    const t3 = await task({ dueOn: days[4], title: '作废的任务' });
    expect(
      (await rm1.patch(`/tasks/${t3.id}`, { version: t3.version, status: 'cancelled' })).statusCode,
    ).toBe(200);
    const tFar = await task({ dueOn: days[190], title: '很久以后' });
    Object.assign(ids, {
      p1: p1.id,
      p2: p2.id,
      p3: p3.id,
      p4: p4.id,
      far: far.id,
      other: other.id,
      t1: t1.id,
      t2: t2.id,
      t3: t3.id,
      tFar: tFar.id,
    });
    Object.assign(plans, { p1, p2, p4 });
  });
  afterAll(async () => ctx?.close());

  it("answers the caller's visits and tasks of the bank days asked, sorted by start", async () => {
    const res = await rm1.get(range(days[0]!, days[10]!));
    expect(res.statusCode, res.body).toBe(200);
    const { events } = res.json();
    expect(summary(events)).toEqual([
      `task:${ids.t1}`,
      `visit:${ids.p1}`,
      `task:${ids.t2}`,
      `visit:${ids.p2}`,
      `visit:${ids.p4}`,
    ]);
    const start = plans.p1.startsAt;
    expect(events[1]).toEqual({
      kind: 'visit',
      id: ids.p1,
      title: `拜访 ${corporate.name}`,
      start,
      end: new Date(Date.parse(start) + 90 * 60_000).toISOString(),
      allDay: false,
      status: 'planned',
      customer: { id: corporate.id, code: corporate.code, name: corporate.name },
      prospect: null,
      overdue: false,
    });
    expect(start).toBe(new Date(at(3, 10)).toISOString());
    expect(events[0]).toEqual({
      kind: 'task',
      id: ids.t1,
      title: '准备授信材料',
      start: days[3],
      end: null,
      allDay: true,
      status: 'open',
      customer: { id: corporate.id, code: corporate.code, name: corporate.name },
      prospect: null,
      overdue: false,
    });
    expect(events[2]).toMatchObject({ status: 'done', customer: null, overdue: false });
    expect(events[3]).toMatchObject({ status: 'draft', title: `拜访 ${individual.name}` });

    // Bank days, not UTC days: the 07:00 visit is on day 6 only.
    expect(summary((await rm1.get(range(days[6]!, days[6]!))).json().events)).toEqual([`visit:${ids.p4}`]);
    expect(summary((await rm1.get(range(days[5]!, days[5]!))).json().events)).toEqual([`visit:${ids.p2}`]);
    expect((await rm1.get(range(days[7]!, days[30]!))).json().events).toEqual([]);
    // rm3's own calendar holds only rm3's plan.
    expect(summary((await rm3.get(range(days[0]!, days[10]!))).json().events)).toEqual([
      `visit:${ids.other}`,
    ]);
  });

  it("lets a team lead read a member's calendar and answers 404 for anyone else's", async () => {
    const asLead = await lead1.get(range(days[0]!, days[10]!, `&ownerId=${ctx.users.rm1}`));
    expect(asLead.statusCode, asLead.body).toBe(200);
    expect(summary(asLead.json().events)).toEqual(
      summary((await rm1.get(range(days[0]!, days[10]!))).json().events),
    );
    expect((await rm1.get(range(days[0]!, days[1]!, `&ownerId=${ctx.users.rm1}`))).statusCode).toBe(200);
    expect((await lead1.get(range(days[0]!, days[1]!, `&ownerId=${ctx.users.lead1}`))).statusCode).toBe(200);
    for (const [client, ownerId] of [
      [lead2, ctx.users.rm1],
      [lead1, ctx.users.rm3],
      [rm2, ctx.users.rm1],
      [risk1, ctx.users.rm1],
      [lead1, 999_999],
    ] as const) {
      const res = await client.get(range(days[0]!, days[10]!, `&ownerId=${ownerId}`));
      expect(res.statusCode, `${client.username} → ${ownerId}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await risk1.get(range(days[0]!, days[10]!))).json()).toEqual({ events: [] });
  });

  it('answers 400 naming the field for a bad range and 401 to the anonymous', async () => {
    const before = await rm1.get(range(days[5]!, days[4]!));
    expect(before.statusCode).toBe(400);
    expect(fieldPaths(before)).toEqual(['querystring.to']);
    const tooLong = await rm1.get(range(days[0]!, days[62]!));
    expect(tooLong.statusCode).toBe(400);
    expect(fieldPaths(tooLong)).toEqual(['querystring.to']);
    expect((await rm1.get(range(days[0]!, days[61]!))).statusCode).toBe(200); // 62 days
    expect(fieldPaths(await rm1.get(range('2026-02-30', days[1]!)))).toEqual(['querystring.from']);
    expect(fieldPaths(await rm1.get(`/calendar?from=${days[0]}`))).toEqual(['querystring.to']);
    expect(fieldPaths(await rm1.get(range(days[0]!, days[1]!, '&ownerId=x')))).toEqual([
      'querystring.ownerId',
    ]);
    expect((await ctx.anonymous.get(range(days[0]!, days[1]!))).statusCode).toBe(401);
    for (const [method, url] of [
      ['GET', '/calendar/feed'],
      ['POST', '/calendar/feed'],
      ['DELETE', '/calendar/feed'],
    ] as const) {
      expect((await ctx.anonymous.request(method, url, method === 'POST' ? {} : undefined)).statusCode).toBe(
        401,
      );
    }
  });

  let feedUrl = '';
  let feedToken = '';

  it('makes a feed whose secret is stored only as its SHA-256, and audits it', async () => {
    expect((await rm1.get('/calendar/feed')).json()).toEqual({
      active: false,
      createdAt: null,
      lastUsedAt: null,
    });
    const res = await rm1.post('/calendar/feed');
    expect(res.statusCode, res.body).toBe(201);
    const { url, token, createdAt } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`/api/v1/calendar/feeds/${token}.ics`);
    feedUrl = url;
    feedToken = token;
    const rows = await ctx.deps.db
      .selectFrom('calendar_feeds')
      .selectAll()
      .where('user_id', '=', ctx.users.rm1)
      .execute();
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        user_id: ctx.users.rm1,
        token_hash: createHash('sha256').update(token).digest('hex'),
        created_at: createdAt,
        revoked_at: null,
        last_used_at: null,
      },
    ]);
    expect((await rm1.get('/calendar/feed')).json()).toEqual({ active: true, createdAt, lastUsedAt: null });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'calendar_feed')
      .execute();
    expect(audit).toMatchObject([
      { action: 'create', entity_id: String(rows[0]!.id), actor_id: ctx.users.rm1 },
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('serves the feed without a session: visits in UTC, masked individuals, tasks all day, folded lines', async () => {
    const res = await ctx.anonymous.get(feedUrl);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const ics = res.body;

    // Content lines: CRLF only, at most 75 octets, long ones folded.
    const lines = ics.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(octets(line), line).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-TIMEZONE:Asia/Shanghai',
    ]) {
      expect(lines).toContain(line);
    }
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(ics).not.toContain(individual.name);

    const { calendar, events } = parseFeed(ics);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('客户经理工作台 · RM1');
    expect([...events.keys()].sort()).toEqual(
      [
        `plan-${ids.p1}@rm-workbench`,
        `plan-${ids.p2}@rm-workbench`,
        `plan-${ids.p4}@rm-workbench`,
        `task-${ids.t1}@rm-workbench`,
      ].sort(),
    );

    const visit = events.get(`plan-${ids.p1}@rm-workbench`)!;
    const start = new Date(at(3, 10));
    expect(visit.summary).toBe(`拜访 ${corporate.name}`);
    expect(visit.location).toBe(PLACE);
    expect(visit.startDate.toJSDate().toISOString()).toBe(start.toISOString());
    expect(visit.endDate.toJSDate().toISOString()).toBe(
      new Date(start.getTime() + 90 * 60_000).toISOString(),
    );
    expect(lines).toContain(`DTSTART:${utcDateTime(start)}`);
    expect(visit.description).toBe(`目标：\n1. ${OBJECTIVE}\n议程：\n${AGENDA}`);
    expect(visit.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(visit.component.getFirstPropertyValue('dtstamp')).toBeTruthy();

    const draft = events.get(`plan-${ids.p2}@rm-workbench`)!;
    expect(draft.summary).toBe(`拜访 ${Array.from(individual.name)[0]}**`);
    expect(draft.summary).toBe('拜访 张**');
    expect(draft.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(events.get(`plan-${ids.p4}@rm-workbench`)!.location).toBeNull();

    const todo = events.get(`task-${ids.t1}@rm-workbench`)!;
    expect(todo.summary).toBe('任务：准备授信材料');
    expect(todo.startDate.isDate).toBe(true);
    expect(todo.startDate.toString()).toBe(days[3]);
    expect(todo.endDate.isDate).toBe(true);
    expect(todo.endDate.toString()).toBe(days[4]);
    expect(lines).toContain(`DTSTART;VALUE=DATE:${days[3]!.replaceAll('-', '')}`);

    const row = await ctx.deps.db
      .selectFrom('calendar_feeds')
      .select('last_used_at')
      .where('user_id', '=', ctx.users.rm1)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).toEqual(expect.any(String));
    expect((await rm1.get('/calendar/feed')).json().lastUsedAt).toBe(row.last_used_at);
  });

  it('answers 404 for a malformed or unknown token', async () => {
    for (const file of [
      'abc.ics',
      feedToken,
      `${feedToken}.txt`,
      `${feedToken}x.ics`,
      `${'A'.repeat(43)}.ics`,
      `${feedToken.slice(0, 42)}%2B.ics`,
    ]) {
      const res = await ctx.anonymous.get(`/calendar/feeds/${file}`);
      expect(res.statusCode, file).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('a new feed stops the old one; DELETE stops the feed', async () => {
    const second = await rm1.post('/calendar/feed');
    expect(second.statusCode, second.body).toBe(201);
    const { url } = second.json();
    expect(url).not.toBe(feedUrl);
    const old = await ctx.anonymous.get(feedUrl);
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe('not_found');
    expect((await ctx.anonymous.get(url)).statusCode).toBe(200);
    const active = await ctx.deps.db
      .selectFrom('calendar_feeds')
      .select('id')
      .where('user_id', '=', ctx.users.rm1)
      .where('revoked_at', 'is', null)
      .execute();
    expect(active).toHaveLength(1);
    const actions = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'calendar_feed')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'revoke', 'create']);

    // Another user's feed is their own calendar.
    const theirs = (await rm2.post('/calendar/feed')).json();
    const theirIcs = (await ctx.anonymous.get(theirs.url)).body;
    expect(parseFeed(theirIcs).events.size).toBe(0);
    expect(theirIcs).toContain('X-WR-CALNAME:客户经理工作台 · RM2');

    const deleted = await rm1.delete('/calendar/feed');
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await ctx.anonymous.get(url)).statusCode).toBe(404);
    expect((await rm1.get('/calendar/feed')).json()).toEqual({
      active: false,
      createdAt: null,
      lastUsedAt: null,
    });
    expect((await rm1.delete('/calendar/feed')).statusCode).toBe(204);
    expect((await ctx.anonymous.get(theirs.url)).statusCode).toBe(200);
    const last = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'calendar_feed')
      .where('actor_id', '=', ctx.users.rm1)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('revoke');
  });

  it('marks open tasks due before today overdue once the days pass', async () => {
    ctx.advance(4 * DAY);
    const again = await ctx.login('rm1');
    const { events } = (await again.get(range(days[0]!, days[10]!))).json();
    const byId = (kind: string, id: number) =>
      events.find((e: { kind: string; id: number }) => e.kind === kind && e.id === id);
    expect(byId('task', ids.t1)).toMatchObject({ status: 'open', overdue: true });
    expect(byId('task', ids.t2)).toMatchObject({ status: 'done', overdue: false });
    expect(byId('visit', ids.p1)).toMatchObject({ overdue: false });
  });
});
