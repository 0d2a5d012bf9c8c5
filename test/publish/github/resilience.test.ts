import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { PipelineError } from "../../../pipeline/errors.ts";
import { faults } from "../../helpers/fake-github.ts";
import { BRANCH, output, passed, SLUG, summary, TOKEN, useFakeGitHub, type Version } from "./harness.ts";

const v1: Version = { accords: ["mel,Accord MEL"] };
const v2: Version = { accords: ["mel,Accord MEL", "amiens,Accord Amiens"] };
const input = (version: Version) => ({ slug: SLUG, files: output(version), summary: summary(), validation: passed });

const github = useFakeGitHub();

function statuses(route: string): number[] {
  return github.state.fake.log.filter((r) => r.route === route).map((r) => r.status);
}

async function failure(promise: Promise<unknown>): Promise<PipelineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipelineError);
  return error as PipelineError;
}

describe("GitHub target: GitHub's failure answers", () => {
  it("retries a 5xx and counts the retry", async () => {
    const fake = await github.start();
    fake.inject("POST /repos/{owner}/{repo}/git/trees", faults.serverError(502));
    const result = await github.target().publish(input(v1));
    expect(result.action).toBe("created");
    expect(statuses("POST /repos/{owner}/{repo}/git/trees")).toEqual([502, 201]);
    expect(result.requests.total).toBe(fake.log.length);
  });

  it("gives up on a lasting 5xx with a message naming the step", async () => {
    const fake = await github.start();
    fake.inject("POST /repos/{owner}/{repo}/git/commits", faults.serverError(503, 10));
    const error = await failure(github.target().publish(input(v1)));
    expect(error.diagnostic).toMatchObject({ stage: "publish", code: "github-api", document: SLUG });
    expect(error.message).toMatch(/creating a commit failed: 503 Server Error/);
    expect(statuses("POST /repos/{owner}/{repo}/git/commits")).toEqual([503, 503, 503, 503]);
    expect(fake.head(BRANCH)).toBeUndefined();
  });

  it("409 on the ref update: reads the branch again and retries, never forcing", async () => {
    const fake = await github.start();
    await github.target().publish(input(v1));
    fake.inject("PATCH /repos/{owner}/{repo}/git/refs/{ref}", faults.conflict());
    const result = await github.target().publish(input(v2));
    expect(result.action).toBe("updated");
    expect(statuses("PATCH /repos/{owner}/{repo}/git/refs/{ref}")).toEqual([409, 200]);
  });

  it("422 'A pull request already exists': updates the one GitHub knows", async () => {
    const fake = await github.start();
    await github.target().publish(input(v1));
    // The listing lags behind (as GitHub's can right after a change): the target tries to open a second one.
    fake.inject("GET /repos/{owner}/{repo}/pulls", { status: 200, body: [] });
    const result = await github.target().publish({
      ...input(v2),
      summary: summary({ warnings: [{ stage: "extract", code: "low-ocr-confidence", message: "page 3: 61 %" }] }),
    });
    expect(result).toMatchObject({ action: "updated", pullRequest: { number: 1 } });
    expect(statuses("POST /repos/{owner}/{repo}/pulls")).toEqual([201, 422]);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pull(1).body).toContain("low-confidence OCR");
  });

  it("waits out a secondary rate limit (429 with Retry-After)", async () => {
    const fake = await github.start();
    fake.inject("POST /repos/{owner}/{repo}/pulls", faults.secondaryRateLimit(429));
    const result = await github.target().publish(input(v1));
    expect(result.action).toBe("created");
    expect(statuses("POST /repos/{owner}/{repo}/pulls")).toEqual([429, 201]);
    expect(github.state.logs.join("\n")).toMatch(/secondary rate limit on POST .*: retrying in 1 s/);
  });

  it("waits out a secondary rate limit (403 with Retry-After)", async () => {
    const fake = await github.start();
    fake.inject("POST /repos/{owner}/{repo}/git/commits", faults.secondaryRateLimit(403));
    expect((await github.target().publish(input(v1))).action).toBe("created");
    expect(statuses("POST /repos/{owner}/{repo}/git/commits")).toEqual([403, 201]);
  });

  it("waits for the primary rate limit to reset (403, x-ratelimit-remaining: 0)", async () => {
    const fake = await github.start();
    fake.inject("GET /repos/{owner}/{repo}/git/matching-refs/{ref}", faults.rateLimited());
    expect((await github.target().publish(input(v1))).action).toBe("created");
    expect(statuses("GET /repos/{owner}/{repo}/git/matching-refs/{ref}")).toEqual([403, 200]);
  });

  it("stops with a rate-limit error when the limit does not lift", async () => {
    const fake = await github.start();
    fake.inject("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", faults.rateLimited(10));
    const error = await failure(github.target().publish(input(v1)));
    expect(error.diagnostic.code).toBe("rate-limit");
    expect(error.message).toMatch(/API rate limit exceeded.*resets at 20\d\d-/);
  });
});

describe("GitHub target: the token never leaks", () => {
  it("a refused token is reported without the token", async () => {
    await github.start();
    const error = await failure(github.target({ token: `${TOKEN}-revoked` }).publish(input(v1)));
    expect(error.diagnostic.code).toBe("auth");
    expect(error.message).toMatch(/401 Bad credentials.*Check GITHUB_TOKEN/);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it("is redacted from errors, logs and messages even when GitHub echoes it", async () => {
    const fake = await github.start();
    fake.inject("POST /repos/{owner}/{repo}/git/trees", {
      times: 4,
      status: 500,
      body: { message: `token ${TOKEN} is not allowed here` },
    });
    const error = await failure(github.target().publish(input(v1)));
    expect(error.message).toContain("token *** is not allowed here");
    const everything = [inspect(error, { depth: 10 }), JSON.stringify(error), ...github.state.logs].join("\n");
    expect(everything).not.toContain(TOKEN);

    const result = await github.target().publish(input(v1));
    const published = [
      ...result.messages,
      ...github.state.logs,
      ...fake.pulls.map((p) => p.body),
      ...fake.comments.map((c) => c.body),
    ].join("\n");
    expect(published).not.toContain(TOKEN);
  });
});
