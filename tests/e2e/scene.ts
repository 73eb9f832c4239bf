import { ApiClient } from './harness';

interface NamedUnit {
  id: number;
  name: string;
}

/**
 * Setting a journey's scene over the HTTP API, as the e2e tests do before the browser acts:
 * accounts in named units (created by the administrator, password already chosen), a signed-in
 * client per user, and a report moved a step (or filled in and submitted) by whoever may.
 * `url` and `units` are read at each call, as a test file learns them in its beforeAll.
 */
export function sceneOf(admin: ApiClient, url: () => string, units: () => readonly NamedUnit[], password: string) {
  async function createUser(
    username: string,
    unitName: string | null,
    roles: string[],
    displayName = username,
  ): Promise<void> {
    const unitId = unitName === null ? null : (units().find((u) => u.name === unitName)?.id ?? null);
    await admin.call('users.create', { username, displayName, password, unitId, roles, mustChangePassword: false });
  }

  async function as(username: string): Promise<ApiClient> {
    const client = new ApiClient(url());
    await client.call('auth.login', { username, password });
    return client;
  }

  /** Send `event` on the report's current version; answers the new view. */
  async function step<View = unknown>(client: ApiClient, reportId: number, event: string): Promise<View> {
    const view = await client.call<{ version: number }>('reports.get', { reportId });
    return client.call<View>('reports.transition', { reportId, version: view.version, event });
  }

  /** Fill in a report without indicators as its unit would, and submit it. */
  async function submit(client: ApiClient, reportId: number): Promise<void> {
    const view = await client.call<{ version: number }>('reports.get', { reportId });
    await client.call('reports.update', {
      reportId,
      version: view.version,
      content: {
        progress: '本季度召开专题推进会2次。',
        problems: '',
        nextSteps: '下季度完成验收。',
        completed: false,
        indicatorValues: [],
      },
    });
    await step(client, reportId, 'report.submit');
  }

  return { createUser, as, step, submit };
}
