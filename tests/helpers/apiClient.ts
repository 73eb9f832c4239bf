/**
 * One browser-mode user over HTTP: a session cookie and the API envelope. Connection errors (a
 * server process killed under the request) are retried a bounded number of times for reads; a
 * write that lost its connection is reported as such, since it may or may not have been committed.
 */
export type Answer =
  | { kind: 'ok'; data: unknown }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'lost'; error: string };

const headers = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };

export class ApiClient {
  private cookie = '';
  connectionErrors = 0;

  constructor(
    private readonly baseUrl: string,
    readonly name: string,
  ) {}

  private async once(method: string, body: unknown): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}api/${method}`, {
        method: 'POST',
        headers: { ...headers, ...(this.cookie ? { Cookie: this.cookie } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      this.connectionErrors += 1;
      return { kind: 'lost', error: String((error as Error).cause ?? error) };
    }
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    let envelope: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
    try {
      envelope = (await response.json()) as typeof envelope;
    } catch (error) {
      this.connectionErrors += 1;
      return { kind: 'lost', error: String(error) };
    }
    if (envelope.ok) return { kind: 'ok', data: envelope.data };
    return {
      kind: 'refused',
      status: response.status,
      code: envelope.error?.code ?? '',
      message: envelope.error?.message ?? '',
    };
  }

  /** A call that changes nothing (or may safely be repeated, as a login): retried on connection errors. */
  async read<T>(method: string, body: unknown = {}, attempts = 8): Promise<T> {
    let last: Answer = { kind: 'lost', error: 'not tried' };
    for (let attempt = 0; attempt < attempts; attempt++) {
      last = await this.once(method, body);
      if (last.kind === 'ok') return last.data as T;
      if (last.kind === 'refused') throw new Error(`${this.name}: ${method} refused: ${last.code} ${last.message}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
    throw new Error(`${this.name}: ${method} failed ${attempts} times: ${last.kind === 'lost' ? last.error : ''}`);
  }

  /** A write, sent once. */
  write(method: string, body: unknown): Promise<Answer> {
    return this.once(method, body);
  }

  async login(username: string, password: string): Promise<void> {
    await this.read('auth.login', { username, password });
  }
}
