/**
 * A tiny cookie-keeping HTTP client for page tests without a browser: follows redirects by hand,
 * keeps cookies per host (ignoring Path, enough for tests), and submits the local OpenID
 * provider's dev login and consent forms.
 */
export interface WebResponse {
  readonly status: number;
  readonly url: string;
  readonly text: string;
  readonly headers: Headers;
}

export class WebClient {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly acceptLanguage = 'en-US') {}

  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let c = this.jar.get(host);
    if (!c) {
      c = new Map<string, string>();
      this.jar.set(host, c);
    }
    return c;
  }

  private store(url: string, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === '') this.cookies(url).delete(name);
      else this.cookies(url).set(name, value);
    }
  }

  /** One request, no redirects followed. */
  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<WebResponse> {
    const cookie = [...this.cookies(url)].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        'accept-language': this.acceptLanguage,
        ...(cookie ? { cookie } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    this.store(url, res.headers);
    return { status: res.status, url, text: await res.text(), headers: res.headers };
  }

  /** Follows redirects (GET after each) until a page answers. */
  async follow(
    url: string,
    init: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<WebResponse> {
    let res = await this.request(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      const next = new URL(res.headers.get('location') ?? '', res.url).toString();
      res = await this.request(next);
    }
    return res;
  }

  /**
   * From the provider's login page: signs in as `login` and passes the consent page; returns the app's
   * page. Forms the provider submits by script (ending the session of a previous account when someone
   * else signs in) are submitted as a browser would.
   */
  async signIn(loginPage: WebResponse, login: string): Promise<WebResponse> {
    let res = await this.follow(formAction(loginPage), {
      form: { ...hiddenInputs(loginPage.text), login, password: 'any' },
    });
    for (let steps = 0; steps < 5; steps++) {
      if (res.text.includes('document.forms[0].submit()'))
        res = await this.follow(formAction(res), { form: hiddenInputs(res.text) });
      else if (res.text.includes('name="prompt" value="consent"'))
        res = await this.follow(formAction(res), { form: hiddenInputs(res.text) });
      else break;
    }
    return res;
  }
}

export function formAction(page: WebResponse): string {
  const m = /<form[^>]*action="([^"]*)"/.exec(page.text);
  if (!m) throw new Error(`no form on ${page.url}:\n${page.text.slice(0, 500)}`);
  return new URL(m[1].replace(/&amp;/g, '&'), page.url).toString();
}

export function hiddenInputs(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1];
    if (name) out[name] = (value ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return out;
}
