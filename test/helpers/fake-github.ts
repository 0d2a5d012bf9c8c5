/**
 * An in-process fake of the GitHub REST API on 127.0.0.1, for the GitHub publication target.
 *
 * It keeps a real git object model (blob, tree and commit SHAs computed as git does), refs, pull
 * requests, labels, statuses and comments in memory, and answers as GitHub documents it: 404 for a
 * missing branch, 422 "Reference already exists", 422 "Update is not a fast forward", 422 "A pull
 * request already exists for …", 422 when a tree deletes a file that does not exist. Faults (5xx,
 * 409, rate limits, a concurrent push) are injected per route. Every exchange is reported through
 * `onServed` so the tests can check bodies against GitHub's OpenAPI description.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// ---------------------------------------------------------------- git objects

interface TreeItem {
  name: string;
  mode: string;
  type: "blob" | "tree";
  sha: string;
}

interface GitUser {
  name: string;
  email: string;
  date: string;
}

interface CommitObject {
  tree: string;
  parents: string[];
  message: string;
  author: GitUser;
  committer: GitUser;
  /** The GitHub account behind the commit (null: an unknown e-mail). */
  login: string | null;
  seconds: number;
}

interface FlatEntry {
  mode: string;
  sha: string;
}

function sha1(type: string, body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

/** Git orders tree entries by name, a subtree's name compared as if it ended with "/". */
function gitOrder(a: TreeItem, b: TreeItem): number {
  const ka = a.type === "tree" ? `${a.name}/` : a.name;
  const kb = b.type === "tree" ? `${b.name}/` : b.name;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

// ---------------------------------------------------------------- state

export interface FakeUser {
  login: string;
  id: number;
  type: "User" | "Bot";
  name: string;
  email: string;
}

export const BOT: FakeUser = {
  login: "github-actions[bot]",
  id: 41898282,
  type: "Bot",
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com",
};

export const MAINTAINER: FakeUser = {
  login: "marie-maintainer",
  id: 1001,
  type: "User",
  name: "Marie Maintainer",
  email: "marie@example.org",
};

interface PullState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  head: string;
  base: string;
  /** The head commit, frozen when the pull request is closed or its branch deleted. */
  headSha: string;
  labels: string[];
  assignees: string[];
  reviewers: string[];
  user: FakeUser;
  maintainerCanModify: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

interface StatusState {
  id: number;
  sha: string;
  state: string;
  description: string | null;
  targetUrl: string | null;
  context: string;
  createdAt: string;
}

interface CommentState {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  createdAt: string;
}

/** A fault served instead of (or before) the real answer of a route. */
export interface FakeFault {
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs before the request is handled, e.g. a maintainer pushing in the meantime. */
  before?: () => void;
}

/** One exchange, as sent: what the OpenAPI check reads. */
export interface Served {
  method: string;
  /** The OpenAPI path template, or "unmatched". */
  route: string;
  status: number;
  body: unknown;
  requestBody: unknown;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  token?: string;
  onServed?: (served: Served) => void;
}

const DOCS = "https://docs.github.com/rest";

/** GitHub's documented limit answers, ready to inject. */
export const faults = {
  rateLimited: (times = 1): FakeFault => ({
    times,
    status: 403,
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 1) },
    body: {
      message: "API rate limit exceeded for installation ID 1.",
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
      status: "403",
    },
  }),
  secondaryRateLimit: (status: 403 | 429, times = 1): FakeFault => ({
    times,
    status,
    headers: { "retry-after": "1" },
    body: {
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      status: String(status),
    },
  }),
  serverError: (status = 502, times = 1): FakeFault => ({ times, status, body: { message: "Server Error" } }),
  conflict: (times = 1): FakeFault => ({
    times,
    status: 409,
    body: { message: "Conflict", documentation_url: `${DOCS}/git/refs#update-a-reference`, status: "409" },
  }),
};

class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

function notFound(doc = ""): HttpAnswer {
  return new HttpAnswer(404, { message: "Not Found", documentation_url: `${DOCS}${doc}`, status: "404" });
}

function unprocessable(message: string, errors?: unknown[], doc = ""): HttpAnswer {
  return new HttpAnswer(422, {
    message,
    ...(errors ? { errors } : {}),
    documentation_url: `${DOCS}${doc}`,
    status: "422",
  });
}

interface Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Handler = (req: Request) => { status: number; body?: unknown; headers?: Record<string, string> };

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly token: string;
  /** Every request received, in order. */
  readonly log: { method: string; route: string; status: number }[] = [];
  /** Exceptions the fake itself threw: a test expects none. */
  readonly internalErrors: unknown[] = [];
  url = "";

  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeItem[]>();
  readonly commits = new Map<string, CommitObject>();
  readonly refs = new Map<string, string>();
  readonly pulls: PullState[] = [];
  readonly labels = new Map<string, LabelState>();
  readonly statuses: StatusState[] = [];
  readonly comments: CommentState[] = [];

  private readonly faultQueue = new Map<string, FakeFault[]>();
  private readonly routes: { method: string; template: string; pattern: RegExp; names: string[]; handle: Handler }[] =
    [];
  private readonly server: http.Server;
  private readonly onServed: ((served: Served) => void) | undefined;
  private nextId = 1;
  private nextIssue = 1;
  private clock = Date.UTC(2026, 0, 5, 8, 0, 0) / 1000;

  constructor(options: FakeGitHubOptions = {}) {
    this.owner = options.owner ?? "accords-ouverts";
    this.repo = options.repo ?? "accords-ouverts";
    this.defaultBranch = options.defaultBranch ?? "main";
    this.token = options.token ?? "ghs_fakeTokenForTests0123456789";
    this.onServed = options.onServed;
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.defineRoutes();
    this.commitFiles(
      this.defaultBranch,
      { "README.md": "# accords-ouverts\n" },
      { message: "Initial commit", as: MAINTAINER },
    );
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------ test controls

  /** Serves `fault` on the next matching requests of `route` ("PATCH /repos/{owner}/{repo}/git/refs/{ref}"). */
  inject(route: string, fault: FakeFault): void {
    if (!this.routes.some((r) => `${r.method} ${r.template}` === route)) throw new Error(`no such route: ${route}`);
    const queue = this.faultQueue.get(route) ?? [];
    queue.push({ times: 1, ...fault });
    this.faultQueue.set(route, queue);
  }

  /** Requests received, optionally only those of one method or route. */
  count(filter: { method?: string; route?: string } = {}): number {
    return this.log.filter(
      (r) => (!filter.method || r.method === filter.method) && (!filter.route || r.route === filter.route),
    ).length;
  }

  writes(): number {
    return this.log.filter((r) => r.method !== "GET" && r.method !== "HEAD").length;
  }

  resetLog(): void {
    this.log.length = 0;
  }

  /** Commits `changes` (null deletes a path) on `branch`, creating it from the default branch if needed. */
  commitFiles(
    branch: string,
    changes: Record<string, string | Uint8Array | null>,
    options: { message: string; as?: FakeUser; from?: string },
  ): string {
    const parent =
      this.refs.get(`refs/heads/${branch}`) ?? this.refs.get(`refs/heads/${options.from ?? this.defaultBranch}`);
    const flat = parent ? this.flatten(this.commit(parent).tree) : new Map<string, FlatEntry>();
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) flat.delete(path);
      else flat.set(path, { mode: "100644", sha: this.writeBlob(Buffer.from(content)) });
    }
    const sha = this.writeCommit(
      this.writeFlat(flat),
      parent ? [parent] : [],
      options.message,
      options.as ?? MAINTAINER,
    );
    this.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  /** The files of a branch (or commit), by path. */
  files(refOrSha: string): Map<string, string> {
    const sha = this.refs.get(`refs/heads/${refOrSha}`) ?? refOrSha;
    const out = new Map<string, string>();
    for (const [path, entry] of this.flatten(this.commit(sha).tree))
      out.set(path, this.blob(entry.sha).toString("utf8"));
    return out;
  }

  /** The blob SHA of every file of a branch (or commit), by path: equal SHAs mean equal bytes. */
  blobShas(refOrSha: string): Map<string, string> {
    const sha = this.refs.get(`refs/heads/${refOrSha}`) ?? refOrSha;
    return new Map([...this.flatten(this.commit(sha).tree)].map(([path, entry]) => [path, entry.sha]));
  }

  head(branch: string): string | undefined {
    return this.refs.get(`refs/heads/${branch}`);
  }

  commit(sha: string): CommitObject {
    const commit = this.commits.get(sha);
    if (!commit) throw new Error(`no commit ${sha}`);
    return commit;
  }

  /** Merges a pull request as the web button does (a merge commit holding the head's tree), optionally deleting its branch. */
  mergePull(number: number, options: { deleteBranch?: boolean } = {}): void {
    const pull = this.pull(number);
    const head = this.refs.get(`refs/heads/${pull.head}`) as string;
    const base = this.refs.get(`refs/heads/${pull.base}`) as string;
    const merge = this.writeCommit(this.commit(head).tree, [base, head], `Merge pull request #${number}`, MAINTAINER);
    this.refs.set(`refs/heads/${pull.base}`, merge);
    Object.assign(pull, {
      state: "closed",
      headSha: head,
      closedAt: this.now(),
      mergedAt: this.now(),
      mergeCommitSha: merge,
    });
    if (options.deleteBranch) this.refs.delete(`refs/heads/${pull.head}`);
  }

  closePull(number: number): void {
    const pull = this.pull(number);
    Object.assign(pull, {
      state: "closed",
      headSha: this.refs.get(`refs/heads/${pull.head}`) ?? pull.headSha,
      closedAt: this.now(),
    });
  }

  pull(number: number): PullState {
    const pull = this.pulls.find((p) => p.number === number);
    if (!pull) throw notFound("/pulls/pulls#get-a-pull-request");
    return pull;
  }

  // ------------------------------------------------------------ object store

  private now(): string {
    this.clock += 1;
    return new Date(this.clock * 1000).toISOString().replace(".000Z", "Z");
  }

  private blob(sha: string): Buffer {
    const blob = this.blobs.get(sha);
    if (!blob) throw notFound("/git/blobs#get-a-blob");
    return blob;
  }

  private writeBlob(content: Buffer): string {
    const sha = sha1("blob", content);
    this.blobs.set(sha, content);
    return sha;
  }

  private writeTree(items: TreeItem[]): string {
    const sorted = [...items].sort(gitOrder);
    const body = Buffer.concat(
      sorted.flatMap((i) => [
        Buffer.from(`${i.mode === "040000" ? "40000" : i.mode} ${i.name}\0`),
        Buffer.from(i.sha, "hex"),
      ]),
    );
    const sha = sha1("tree", body);
    this.trees.set(sha, sorted);
    return sha;
  }

  private writeCommit(tree: string, parents: string[], message: string, user: FakeUser): string {
    this.clock += 1;
    const seconds = this.clock;
    const when = new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
    const signature = `${user.name} <${user.email}> ${seconds} +0000`;
    const text = [
      `tree ${tree}`,
      ...parents.map((p) => `parent ${p}`),
      `author ${signature}`,
      `committer ${signature}`,
      "",
      message,
    ].join("\n");
    const sha = sha1("commit", Buffer.from(text));
    const person = { name: user.name, email: user.email, date: when };
    this.commits.set(sha, { tree, parents, message, author: person, committer: person, login: user.login, seconds });
    return sha;
  }

  /** Every blob under a tree, by full path. */
  private flatten(treeSha: string, prefix = "", out = new Map<string, FlatEntry>()): Map<string, FlatEntry> {
    const items = this.trees.get(treeSha);
    if (!items) throw notFound("/git/trees#get-a-tree");
    for (const item of items) {
      if (item.type === "tree") this.flatten(item.sha, `${prefix}${item.name}/`, out);
      else out.set(`${prefix}${item.name}`, { mode: item.mode, sha: item.sha });
    }
    return out;
  }

  /** Writes the trees of a path → blob map; empty folders vanish as in git. */
  private writeFlat(flat: Map<string, FlatEntry>): string {
    const children = new Map<string, Map<string, FlatEntry>>();
    const items: TreeItem[] = [];
    for (const [path, entry] of flat) {
      const slash = path.indexOf("/");
      if (slash < 0) items.push({ name: path, mode: entry.mode, type: "blob", sha: entry.sha });
      else {
        const dir = path.slice(0, slash);
        const sub = children.get(dir) ?? new Map<string, FlatEntry>();
        sub.set(path.slice(slash + 1), entry);
        children.set(dir, sub);
      }
    }
    for (const [dir, sub] of children)
      items.push({ name: dir, mode: "040000", type: "tree", sha: this.writeFlat(sub) });
    return this.writeTree(items);
  }

  private isAncestor(ancestor: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length) {
      const sha = stack.pop() as string;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  private resolveCommit(refOrSha: string): string | undefined {
    if (this.commits.has(refOrSha)) return refOrSha;
    return this.refs.get(`refs/heads/${refOrSha}`);
  }

  // ------------------------------------------------------------ response bodies (GitHub's shapes)

  private api(path: string): string {
    return `${this.url}/repos/${this.owner}/${this.repo}${path}`;
  }

  private html(path: string): string {
    return `https://github.com/${this.owner}/${this.repo}${path}`;
  }

  private user(user: FakeUser) {
    const api = `${this.url}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: `U_${user.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: "",
      url: api,
      html_url: `https://github.com/${encodeURIComponent(user.login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: user.type,
      site_admin: false,
    };
  }

  private userByLogin(login: string): FakeUser {
    if (login === BOT.login) return BOT;
    if (login === MAINTAINER.login) return MAINTAINER;
    return { login, id: 2000 + login.length, type: "User", name: login, email: `${login}@example.org` };
  }

  private repository() {
    const api = this.api("");
    const urls = Object.fromEntries(
      [
        ["archive", "/{archive_format}{/ref}"],
        ["assignees", "/assignees{/user}"],
        ["blobs", "/git/blobs{/sha}"],
        ["branches", "/branches{/branch}"],
        ["collaborators", "/collaborators{/collaborator}"],
        ["comments", "/comments{/number}"],
        ["commits", "/commits{/sha}"],
        ["compare", "/compare/{base}...{head}"],
        ["contents", "/contents/{+path}"],
        ["contributors", "/contributors"],
        ["deployments", "/deployments"],
        ["downloads", "/downloads"],
        ["events", "/events"],
        ["forks", "/forks"],
        ["git_commits", "/git/commits{/sha}"],
        ["git_refs", "/git/refs{/sha}"],
        ["git_tags", "/git/tags{/sha}"],
        ["hooks", "/hooks"],
        ["issue_comment", "/issues/comments{/number}"],
        ["issue_events", "/issues/events{/number}"],
        ["issues", "/issues{/number}"],
        ["keys", "/keys{/key_id}"],
        ["labels", "/labels{/name}"],
        ["languages", "/languages"],
        ["merges", "/merges"],
        ["milestones", "/milestones{/number}"],
        ["notifications", "/notifications{?since,all,participating}"],
        ["pulls", "/pulls{/number}"],
        ["releases", "/releases{/id}"],
        ["stargazers", "/stargazers"],
        ["statuses", "/statuses/{sha}"],
        ["subscribers", "/subscribers"],
        ["subscription", "/subscription"],
        ["tags", "/tags"],
        ["teams", "/teams"],
        ["trees", "/git/trees{/sha}"],
      ].map(([name, path]) => [`${name}_url`, `${api}${path}`]),
    );
    const created = "2025-09-01T10:00:00Z";
    return {
      id: 424242,
      node_id: "R_kgDOAccords",
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      private: false,
      owner: this.user({ login: this.owner, id: 5000, type: "User", name: this.owner, email: "" }),
      html_url: this.html(""),
      description: "Accords-cadres de la Région Hauts-de-France en données ouvertes",
      fork: false,
      url: api,
      ...urls,
      git_url: `git://github.com/${this.owner}/${this.repo}.git`,
      ssh_url: `git@github.com:${this.owner}/${this.repo}.git`,
      clone_url: `https://github.com/${this.owner}/${this.repo}.git`,
      svn_url: this.html(""),
      mirror_url: null,
      homepage: null,
      language: "TypeScript",
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      size: 100,
      default_branch: this.defaultBranch,
      open_issues: this.pulls.filter((p) => p.state === "open").length,
      open_issues_count: this.pulls.filter((p) => p.state === "open").length,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: "public",
      pushed_at: created,
      created_at: created,
      updated_at: created,
      license: {
        key: "mit",
        name: "MIT License",
        spdx_id: "MIT",
        url: `${this.url}/licenses/mit`,
        node_id: "MDc6TGljZW5zZTEz",
      },
      network_count: 0,
      subscribers_count: 1,
      allow_forking: true,
      web_commit_signoff_required: false,
    };
  }

  private gitCommit(sha: string) {
    const c = this.commit(sha);
    return {
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      url: this.api(`/git/commits/${sha}`),
      html_url: this.html(`/commit/${sha}`),
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: this.api(`/git/trees/${c.tree}`) },
      parents: c.parents.map((p) => ({
        sha: p,
        url: this.api(`/git/commits/${p}`),
        html_url: this.html(`/commit/${p}`),
      })),
      verification: {
        verified: c.login === BOT.login,
        reason: c.login === BOT.login ? "valid" : "unsigned",
        signature: null,
        payload: null,
        verified_at: null,
      },
    };
  }

  private restCommit(sha: string) {
    const c = this.commit(sha);
    const account = c.login ? this.user(this.userByLogin(c.login)) : null;
    return {
      url: this.api(`/commits/${sha}`),
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      html_url: this.html(`/commit/${sha}`),
      comments_url: this.api(`/commits/${sha}/comments`),
      commit: {
        url: this.api(`/git/commits/${sha}`),
        author: c.author,
        committer: c.committer,
        message: c.message,
        comment_count: 0,
        tree: { sha: c.tree, url: this.api(`/git/trees/${c.tree}`) },
        verification: {
          verified: false,
          reason: "unsigned",
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      author: account,
      committer: account,
      parents: c.parents.map((p) => ({ sha: p, url: this.api(`/commits/${p}`), html_url: this.html(`/commit/${p}`) })),
    };
  }

  private gitRef(ref: string) {
    const sha = this.refs.get(ref) as string;
    return {
      ref,
      node_id: `REF_${Buffer.from(ref).toString("base64url")}`,
      url: this.api(`/git/${ref}`),
      object: { type: "commit", sha, url: this.api(`/git/commits/${sha}`) },
    };
  }

  private label(name: string) {
    const l = this.labels.get(name) as LabelState;
    return {
      id: l.id,
      node_id: `LA_${l.id}`,
      url: this.api(`/labels/${encodeURIComponent(l.name)}`),
      name: l.name,
      description: l.description,
      color: l.color,
      default: false,
    };
  }

  private headSha(pull: PullState): string {
    return pull.state === "open" ? (this.refs.get(`refs/heads/${pull.head}`) ?? pull.headSha) : pull.headSha;
  }

  private pullSimple(pull: PullState) {
    const api = this.api(`/pulls/${pull.number}`);
    const issue = this.api(`/issues/${pull.number}`);
    const html = this.html(`/pull/${pull.number}`);
    const side = (branch: string, sha: string) => ({
      label: `${this.owner}:${branch}`,
      ref: branch,
      sha,
      user: this.user({ login: this.owner, id: 5000, type: "User", name: this.owner, email: "" }),
      repo: this.repository(),
    });
    const link = (href: string) => ({ href });
    const assignees = pull.assignees.map((login) => this.user(this.userByLogin(login)));
    return {
      url: api,
      id: pull.id,
      node_id: `PR_${pull.id}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: this.api("/pulls/comments{/number}"),
      comments_url: `${issue}/comments`,
      statuses_url: this.api(`/statuses/${this.headSha(pull)}`),
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.user(pull.user),
      body: pull.body,
      labels: pull.labels.map((name) => this.label(name)),
      milestone: null,
      active_lock_reason: null,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      closed_at: pull.closedAt,
      merged_at: pull.mergedAt,
      merge_commit_sha: pull.mergeCommitSha,
      assignee: assignees[0] ?? null,
      assignees,
      requested_reviewers: pull.reviewers.map((login) => this.user(this.userByLogin(login))),
      requested_teams: [],
      head: side(pull.head, this.headSha(pull)),
      base: side(pull.base, this.refs.get(`refs/heads/${pull.base}`) as string),
      _links: {
        self: link(api),
        html: link(html),
        issue: link(issue),
        comments: link(`${issue}/comments`),
        review_comments: link(`${api}/comments`),
        review_comment: link(this.api("/pulls/comments{/number}")),
        commits: link(`${api}/commits`),
        statuses: link(this.api(`/statuses/${this.headSha(pull)}`)),
      },
      author_association: "NONE",
      auto_merge: null,
      draft: false,
    };
  }

  private pullFull(pull: PullState) {
    return {
      ...this.pullSimple(pull),
      merged: pull.mergedAt !== null,
      mergeable: null,
      rebaseable: null,
      mergeable_state: "unknown",
      merged_by: pull.mergedAt ? this.user(MAINTAINER) : null,
      comments: this.comments.filter((c) => c.issue === pull.number).length,
      review_comments: 0,
      maintainer_can_modify: pull.maintainerCanModify,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
    };
  }

  private issue(pull: PullState) {
    const simple = this.pullSimple(pull);
    return {
      id: pull.id,
      node_id: `I_${pull.id}`,
      url: simple.issue_url,
      repository_url: this.api(""),
      labels_url: `${simple.issue_url}/labels{/name}`,
      comments_url: simple.comments_url,
      events_url: `${simple.issue_url}/events`,
      html_url: simple.html_url,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      user: simple.user,
      labels: simple.labels,
      assignee: simple.assignee,
      assignees: simple.assignees,
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: this.comments.filter((c) => c.issue === pull.number).length,
      pull_request: {
        url: simple.url,
        html_url: simple.html_url,
        diff_url: simple.diff_url,
        patch_url: simple.patch_url,
        merged_at: pull.mergedAt,
      },
      closed_at: pull.closedAt,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      author_association: "NONE",
    };
  }

  private comment(c: CommentState) {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: this.api(`/issues/comments/${c.id}`),
      html_url: this.html(`/pull/${c.issue}#issuecomment-${c.id}`),
      body: c.body,
      user: this.user(c.user),
      created_at: c.createdAt,
      updated_at: c.createdAt,
      issue_url: this.api(`/issues/${c.issue}`),
      author_association: "NONE",
    };
  }

  // ------------------------------------------------------------ routes

  private route(method: string, template: string, handle: Handler): void {
    const names: string[] = [];
    // `ref` and `branch` may hold slashes, sent raw or percent-encoded.
    const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return name === "ref" || name === "branch" ? "(.+)" : "([^/]+)";
    });
    this.routes.push({ method, template, pattern: new RegExp(`^${pattern}$`), names, handle });
  }

  private mustMatch(owner: string, repo: string): void {
    if (owner.toLowerCase() !== this.owner.toLowerCase() || repo.toLowerCase() !== this.repo.toLowerCase()) {
      throw notFound("/repos/repos#get-a-repository");
    }
  }

  private defineRoutes(): void {
    const R = "/repos/{owner}/{repo}";
    const ok = (body: unknown, status = 200) => ({ status, body });

    this.route("GET", R, () => ok(this.repository()));

    this.route("GET", `${R}/branches/{branch}`, ({ params }) => {
      const branch = params.branch as string;
      const sha = this.refs.get(`refs/heads/${branch}`);
      if (!sha)
        throw new HttpAnswer(404, {
          message: "Branch not found",
          documentation_url: `${DOCS}/branches/branches#get-a-branch`,
          status: "404",
        });
      return ok({
        name: branch,
        commit: this.restCommit(sha),
        _links: { self: this.api(`/branches/${encodeURIComponent(branch)}`), html: this.html(`/tree/${branch}`) },
        protected: false,
        protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
        protection_url: this.api(`/branches/${encodeURIComponent(branch)}/protection`),
      });
    });

    this.route("GET", `${R}/commits`, ({ query }) => {
      const start = this.resolveCommit(query.get("sha") ?? this.defaultBranch);
      if (!start)
        throw new HttpAnswer(404, {
          message: `No commit found for SHA: ${query.get("sha")}`,
          documentation_url: `${DOCS}/commits/commits#list-commits`,
          status: "404",
        });
      const perPage = Number(query.get("per_page") ?? 30);
      const page = Number(query.get("page") ?? 1);
      // git log order: newest commit date first, each commit once.
      const seen = new Set<string>();
      const queue = [start];
      const ordered: string[] = [];
      while (queue.length) {
        queue.sort((a, b) => this.commit(b).seconds - this.commit(a).seconds);
        const sha = queue.shift() as string;
        if (seen.has(sha)) continue;
        seen.add(sha);
        ordered.push(sha);
        queue.push(...this.commit(sha).parents);
      }
      return ok(ordered.slice((page - 1) * perPage, page * perPage).map((sha) => this.restCommit(sha)));
    });

    // Every ref whose name starts with "refs/<ref>", sorted, in pages linked as GitHub links them;
    // an empty list when none does.
    this.route("GET", `${R}/git/matching-refs/{ref}`, ({ params, query }) => {
      const start = `refs/${params.ref as string}`;
      const refs = [...this.refs.keys()].filter((ref) => ref.startsWith(start)).sort();
      const perPage = Math.min(Number(query.get("per_page") ?? 30), 100);
      const page = Number(query.get("page") ?? 1);
      const next = new URL(this.api(`/git/matching-refs/${encodeURIComponent(params.ref as string)}`));
      next.search = new URLSearchParams({ per_page: String(perPage), page: String(page + 1) }).toString();
      return {
        status: 200,
        body: refs.slice((page - 1) * perPage, page * perPage).map((ref) => this.gitRef(ref)),
        ...(page * perPage < refs.length ? { headers: { link: `<${next.href}>; rel="next"` } } : {}),
      };
    });

    this.route("GET", `${R}/git/commits/{commit_sha}`, ({ params }) => {
      const sha = params.commit_sha as string;
      if (!this.commits.has(sha)) throw notFound("/git/commits#get-a-commit-object");
      return ok(this.gitCommit(sha));
    });

    this.route("GET", `${R}/git/trees/{tree_sha}`, ({ params, query }) => {
      const requested = params.tree_sha as string;
      const commit = this.resolveCommit(requested);
      const sha = this.trees.has(requested) ? requested : commit ? this.commit(commit).tree : undefined;
      if (!sha) throw notFound("/git/trees#get-a-tree");
      const recursive = query.has("recursive");
      const tree: unknown[] = [];
      const walk = (treeSha: string, prefix: string) => {
        for (const item of this.trees.get(treeSha) ?? []) {
          const path = `${prefix}${item.name}`;
          tree.push({
            path,
            mode: item.mode,
            type: item.type,
            sha: item.sha,
            ...(item.type === "blob" ? { size: this.blob(item.sha).length } : {}),
            url: this.api(`/git/${item.type}s/${item.sha}`),
          });
          if (recursive && item.type === "tree") walk(item.sha, `${path}/`);
        }
      };
      walk(sha, "");
      return ok({ sha, url: this.api(`/git/trees/${sha}`), tree, truncated: false });
    });

    this.route("GET", `${R}/git/blobs/{file_sha}`, ({ params }) => {
      const sha = params.file_sha as string;
      const content = this.blob(sha);
      const base64 = content.toString("base64").replace(/.{60}/g, "$&\n");
      return ok({
        sha,
        node_id: `B_${sha.slice(0, 12)}`,
        size: content.length,
        url: this.api(`/git/blobs/${sha}`),
        content: base64,
        encoding: "base64",
      });
    });

    this.route("POST", `${R}/git/blobs`, ({ body }) => {
      if (typeof body.content !== "string") throw unprocessable('Invalid request.\n\n"content" wasn\'t supplied.');
      const bytes = Buffer.from(body.content, body.encoding === "base64" ? "base64" : "utf8");
      const sha = this.writeBlob(bytes);
      return ok({ url: this.api(`/git/blobs/${sha}`), sha }, 201);
    });

    this.route("POST", `${R}/git/trees`, ({ body }) => {
      const entries = body.tree as {
        path?: string;
        mode?: string;
        type?: string;
        sha?: string | null;
        content?: string;
      }[];
      if (!Array.isArray(entries)) throw unprocessable('Invalid request.\n\n"tree" wasn\'t supplied.');
      let flat = new Map<string, FlatEntry>();
      if (typeof body.base_tree === "string") {
        if (!this.trees.has(body.base_tree))
          throw unprocessable("Invalid tree info", undefined, "/git/trees#create-a-tree");
        flat = this.flatten(body.base_tree);
      }
      for (const e of entries) {
        const path = e.path ?? "";
        if (
          !path ||
          path.startsWith("/") ||
          path.endsWith("/") ||
          path.split("/").some((s) => s === "" || s === "." || s === "..")
        ) {
          throw unprocessable(`tree.path contains a malformed path component`, undefined, "/git/trees#create-a-tree");
        }
        if (e.type !== "blob")
          throw unprocessable("Only blob entries are supported by this fake", undefined, "/git/trees#create-a-tree");
        if ("content" in e && "sha" in e)
          throw unprocessable(
            "Must supply either tree.sha or tree.content, not both",
            undefined,
            "/git/trees#create-a-tree",
          );
        const mode = e.mode ?? "100644";
        if (typeof e.content === "string")
          flat.set(path, { mode, sha: this.writeBlob(Buffer.from(e.content, "utf8")) });
        else if (e.sha === null) {
          if (!flat.delete(path)) throw unprocessable("GitRPC::BadObjectState", undefined, "/git/trees#create-a-tree");
        } else if (typeof e.sha === "string" && this.blobs.has(e.sha)) flat.set(path, { mode, sha: e.sha });
        else throw unprocessable(`tree.sha ${e.sha} is not a valid blob`, undefined, "/git/trees#create-a-tree");
      }
      const sha = this.writeFlat(flat);
      const tree = (this.trees.get(sha) ?? []).map((i) => ({
        path: i.name,
        mode: i.mode,
        type: i.type,
        sha: i.sha,
        ...(i.type === "blob" ? { size: this.blob(i.sha).length } : {}),
        url: this.api(`/git/${i.type}s/${i.sha}`),
      }));
      return ok({ sha, url: this.api(`/git/trees/${sha}`), tree, truncated: false }, 201);
    });

    this.route("POST", `${R}/git/commits`, ({ body }) => {
      const tree = body.tree as string;
      const parents = (body.parents as string[] | undefined) ?? [];
      if (!this.trees.has(tree))
        throw unprocessable("Tree SHA does not exist", undefined, "/git/commits#create-a-commit");
      if (parents.some((p) => !this.commits.has(p)))
        throw unprocessable(
          "Parent SHA does not exist or is not a commit object",
          undefined,
          "/git/commits#create-a-commit",
        );
      const sha = this.writeCommit(tree, parents, String(body.message ?? ""), BOT);
      return ok(this.gitCommit(sha), 201);
    });

    this.route("POST", `${R}/git/refs`, ({ body }) => {
      const ref = String(body.ref ?? "");
      if (!/^refs\/.+\/.+/.test(ref))
        throw unprocessable(
          "Reference name must start with 'refs/' and have at least two slashes.",
          undefined,
          "/git/refs#create-a-reference",
        );
      if (this.refs.has(ref))
        throw unprocessable("Reference already exists", undefined, "/git/refs#create-a-reference");
      if (!this.commits.has(String(body.sha)))
        throw unprocessable("Object does not exist", undefined, "/git/refs#create-a-reference");
      this.refs.set(ref, String(body.sha));
      return ok(this.gitRef(ref), 201);
    });

    this.route("PATCH", `${R}/git/refs/{ref}`, ({ params, body }) => {
      const ref = `refs/${params.ref}`;
      const current = this.refs.get(ref);
      const sha = String(body.sha);
      if (!current) throw unprocessable("Reference does not exist", undefined, "/git/refs#update-a-reference");
      if (!this.commits.has(sha))
        throw unprocessable("Object does not exist", undefined, "/git/refs#update-a-reference");
      if (body.force !== true && !this.isAncestor(current, sha)) {
        throw unprocessable("Update is not a fast forward", undefined, "/git/refs#update-a-reference");
      }
      this.refs.set(ref, sha);
      return ok(this.gitRef(ref));
    });

    this.route("DELETE", `${R}/git/refs/{ref}`, ({ params }) => {
      const ref = `refs/${params.ref}`;
      if (!this.refs.has(ref))
        throw unprocessable("Reference does not exist", undefined, "/git/refs#delete-a-reference");
      const branch = ref.replace(/^refs\/heads\//, "");
      // GitHub closes the open pull requests of a deleted branch.
      for (const pull of this.pulls) if (pull.state === "open" && pull.head === branch) this.closePull(pull.number);
      this.refs.delete(ref);
      return { status: 204 };
    });

    this.route("GET", `${R}/pulls`, ({ query }) => {
      const state = query.get("state") ?? "open";
      const head = query.get("head");
      const base = query.get("base");
      const direction = query.get("direction") ?? "desc";
      const perPage = Number(query.get("per_page") ?? 30);
      const found = this.pulls
        .filter((p) => state === "all" || p.state === state)
        .filter((p) => !head || `${this.owner}:${p.head}` === head)
        .filter((p) => !base || p.base === base)
        .sort((a, b) => (direction === "asc" ? a.number - b.number : b.number - a.number))
        .slice(0, perPage);
      return ok(found.map((p) => this.pullSimple(p)));
    });

    this.route("POST", `${R}/pulls`, ({ body }) => {
      const head = String(body.head ?? "").replace(new RegExp(`^${this.owner}:`), "");
      const base = String(body.base ?? "");
      const headSha = this.refs.get(`refs/heads/${head}`);
      const baseSha = this.refs.get(`refs/heads/${base}`);
      const doc = "/pulls/pulls#create-a-pull-request";
      if (!headSha)
        throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }], doc);
      if (!baseSha)
        throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }], doc);
      if (this.pulls.some((p) => p.state === "open" && p.head === head && p.base === base)) {
        throw unprocessable(
          "Validation Failed",
          [
            {
              resource: "PullRequest",
              code: "custom",
              message: `A pull request already exists for ${this.owner}:${head}.`,
            },
          ],
          doc,
        );
      }
      if (this.isAncestor(headSha, baseSha)) {
        throw unprocessable(
          "Validation Failed",
          [{ resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` }],
          doc,
        );
      }
      const at = this.now();
      const pull: PullState = {
        id: this.nextId++,
        number: this.nextIssue++,
        title: String(body.title ?? ""),
        body: typeof body.body === "string" ? body.body : null,
        state: "open",
        head,
        base,
        headSha,
        labels: [],
        assignees: [],
        reviewers: [],
        user: BOT,
        maintainerCanModify: body.maintainer_can_modify !== false,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        mergedAt: null,
        mergeCommitSha: null,
      };
      this.pulls.push(pull);
      return ok(this.pullFull(pull), 201);
    });

    this.route("PATCH", `${R}/pulls/{pull_number}`, ({ params, body }) => {
      const pull = this.pull(Number(params.pull_number));
      if (typeof body.title === "string") pull.title = body.title;
      if (typeof body.body === "string") pull.body = body.body;
      if (body.state === "closed" && pull.state === "open") this.closePull(pull.number);
      pull.updatedAt = this.now();
      return ok(this.pullFull(pull));
    });

    this.route("POST", `${R}/pulls/{pull_number}/requested_reviewers`, ({ params, body }) => {
      const pull = this.pull(Number(params.pull_number));
      const reviewers = (body.reviewers as string[] | undefined) ?? [];
      if (reviewers.includes(pull.user.login)) {
        throw unprocessable(
          "Review cannot be requested from pull request author.",
          undefined,
          "/pulls/review-requests#request-reviewers-for-a-pull-request",
        );
      }
      pull.reviewers = [...new Set([...pull.reviewers, ...reviewers])];
      return ok(this.pullSimple(pull), 201);
    });

    const knownLabels = (names: string[]) => {
      const missing = names.filter((n) => !this.labels.has(n));
      // Stricter than GitHub, which may create such labels: the target must create its label first.
      if (missing.length)
        throw unprocessable(
          "Validation Failed",
          missing.map((value) => ({ resource: "Label", field: "name", code: "invalid", value })),
          "/issues/labels",
        );
      return names;
    };

    this.route("PATCH", `${R}/issues/{issue_number}`, ({ params, body }) => {
      const pull = this.pull(Number(params.issue_number));
      if (Array.isArray(body.labels)) pull.labels = knownLabels(body.labels as string[]);
      if (Array.isArray(body.assignees)) pull.assignees = body.assignees as string[];
      pull.updatedAt = this.now();
      return ok(this.issue(pull));
    });

    this.route("POST", `${R}/issues/{issue_number}/labels`, ({ params, body }) => {
      const pull = this.pull(Number(params.issue_number));
      pull.labels = [...new Set([...pull.labels, ...knownLabels((body.labels as string[] | undefined) ?? [])])];
      return ok(pull.labels.map((name) => this.label(name)));
    });

    this.route("POST", `${R}/labels`, ({ body }) => {
      const name = String(body.name ?? "");
      if (this.labels.has(name)) {
        throw unprocessable(
          "Validation Failed",
          [{ resource: "Label", code: "already_exists", field: "name" }],
          "/issues/labels#create-a-label",
        );
      }
      this.labels.set(name, {
        id: this.nextId++,
        name,
        color: String(body.color ?? "ededed"),
        description: typeof body.description === "string" ? body.description : null,
      });
      return ok(this.label(name), 201);
    });

    this.route("POST", `${R}/statuses/{sha}`, ({ params, body }) => {
      const sha = params.sha as string;
      if (!this.commits.has(sha))
        throw unprocessable(`No commit found for SHA: ${sha}`, undefined, "/commits/statuses#create-a-commit-status");
      const status: StatusState = {
        id: this.nextId++,
        sha,
        state: String(body.state),
        description: typeof body.description === "string" ? body.description : null,
        targetUrl: typeof body.target_url === "string" ? body.target_url : null,
        context: String(body.context ?? "default"),
        createdAt: this.now(),
      };
      this.statuses.push(status);
      return ok(
        {
          url: this.api(`/statuses/${sha}`),
          avatar_url: this.user(BOT).avatar_url,
          id: status.id,
          node_id: `SC_${status.id}`,
          state: status.state,
          description: status.description,
          target_url: status.targetUrl,
          context: status.context,
          created_at: status.createdAt,
          updated_at: status.createdAt,
          creator: this.user(BOT),
        },
        201,
      );
    });

    this.route("POST", `${R}/issues/{issue_number}/comments`, ({ params, body }) => {
      const pull = this.pull(Number(params.issue_number));
      const comment: CommentState = {
        id: this.nextId++,
        issue: pull.number,
        body: String(body.body ?? ""),
        user: BOT,
        createdAt: this.now(),
      };
      this.comments.push(comment);
      return ok(this.comment(comment), 201);
    });

    this.route("GET", `${R}/issues/{issue_number}/comments`, ({ params, query }) => {
      const number = Number(params.issue_number);
      this.pull(number);
      const perPage = Number(query.get("per_page") ?? 30);
      return ok(
        this.comments
          .filter((c) => c.issue === number)
          .slice(0, perPage)
          .map((c) => this.comment(c)),
      );
    });
  }

  // ------------------------------------------------------------ HTTP

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let route = "unmatched";
    let status = 404;
    let body: unknown = { message: "Not Found", documentation_url: DOCS, status: "404" };
    let requestBody: unknown;
    const headers: Record<string, string> = {
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-github-request-id": `FAKE:${this.log.length + 1}`,
    };
    try {
      requestBody = raw ? JSON.parse(raw) : undefined;
      const found = this.match(method, url.pathname);
      if (found) {
        route = `${found.method} ${found.template}`;
        const auth = req.headers.authorization ?? "";
        if (!new RegExp(`^(token|bearer) ${this.token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i").test(auth)) {
          throw new HttpAnswer(401, { message: "Bad credentials", documentation_url: DOCS, status: "401" });
        }
        const fault = this.takeFault(route);
        fault?.before?.();
        if (fault?.status) {
          Object.assign(headers, fault.headers ?? {});
          throw new HttpAnswer(fault.status, fault.body ?? { message: "Injected failure" });
        }
        this.mustMatch(found.params.owner as string, found.params.repo as string);
        const answer = found.handle({
          params: found.params,
          query: url.searchParams,
          body: (requestBody ?? {}) as Record<string, unknown>,
        });
        status = answer.status;
        body = answer.body;
        Object.assign(headers, answer.headers ?? {});
      }
    } catch (error) {
      if (error instanceof HttpAnswer) [status, body] = [error.status, error.body];
      else {
        // A bug in the fake (or a body it cannot parse) must fail the test, not hang the client.
        this.internalErrors.push(error);
        [status, body] = [500, { message: String(error) }];
      }
    }
    this.log.push({ method, route, status });
    try {
      this.onServed?.({ method, route, status, body, requestBody });
    } catch (error) {
      this.internalErrors.push(error);
    }
    if (status === 204) {
      res.writeHead(204, headers).end();
      return;
    }
    res.writeHead(status, headers).end(JSON.stringify(body));
  }

  private match(method: string, pathname: string) {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(m[i + 1] as string)]));
      return { ...route, params };
    }
    return null;
  }

  private takeFault(route: string): FakeFault | undefined {
    const queue = this.faultQueue.get(route);
    const fault = queue?.[0];
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) queue.shift();
    return fault;
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return new FakeGitHub(options).listen();
}
