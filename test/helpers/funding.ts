import type { FastifyInstance } from 'fastify';

type Headers = Record<string, string>;

/**
 * Two donors, each funding its own project, recorded through the API by a programme officer of
 * `organizationId`: Norway funds GLO/A (a pledge and a payment), the European Union GLO/B; each
 * project spends from its funds (a transaction without a donor). One activity per project, one more
 * without a project that names Norway among its donors, and an outcome of the first activity.
 */
export async function fundTwoDonors(app: FastifyInstance, officer: Headers, organizationId: string) {
  const post = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url: `/api/v1${url}`, headers: officer, payload });
    if (response.statusCode !== 201) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as { id: string };
  };
  const norway = (await post('/programme/donors', { kind: 'state', participantId: 'NOR' })).id;
  const eu = (await post('/programme/donors', { kind: 'organization', name: 'European Union' })).id;
  const project = (code: string) =>
    post('/programme/projects', {
      code,
      title: `Project ${code}`,
      scope: 'global',
      startDate: '2013-01-01',
      organizationId,
      themes: [],
    });
  const projectA = (await project('GLO/A')).id;
  const projectB = (await project('GLO/B')).id;
  const money = (payload: object) =>
    post('/programme/transactions', { date: '2013-03-01', currency: 'USD', earmarking: 'project', ...payload });
  await money({ type: 'pledge', donorId: norway, projectId: projectA, amount: 500_000 });
  await money({ type: 'incoming_funds', donorId: norway, projectId: projectA, amount: 100_000 });
  await money({ type: 'expenditure', donorId: null, projectId: projectA, amount: 40_000 });
  await money({ type: 'incoming_funds', donorId: eu, projectId: projectB, amount: 250_000 });
  await money({ type: 'expenditure', donorId: null, projectId: projectB, amount: 90_000 });
  const activity = (title: string, extra: object) =>
    post('/programme/activities', {
      title,
      type: 'national_workshop',
      status: 'delivered',
      startDate: '2013-05-06',
      endDate: '2013-05-08',
      countries: ['NER'],
      organizationId,
      themes: [],
      ...extra,
    });
  const activityA = (await activity('Workshop of project A', { projectId: projectA })).id;
  const activityB = (await activity('Workshop of project B', { projectId: projectB })).id;
  const activityNorway = (await activity('Mission paid by Norway', { donorIds: [norway] })).id;
  const outcomeB = (
    await post('/programme/outcomes', {
      kind: 'treaty_action',
      participantId: 'NER',
      instrumentId: 'icsft-1999',
      date: '2004-09-30',
      contributions: [{ activityId: activityB, note: 'Accession prepared.' }],
    })
  ).id;
  return { norway, eu, projectA, projectB, activityA, activityB, activityNorway, outcomeB };
}
