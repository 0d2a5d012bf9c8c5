import { describe, expect, it } from "vitest";
import { PipelineError } from "../../../pipeline/errors.ts";
import { resolveGitHubOptions } from "../../../pipeline/publish/github/index.ts";
import { TOKEN } from "./harness.ts";

const actions = {
  GITHUB_TOKEN: TOKEN,
  GITHUB_REPOSITORY: "accords-ouverts/accords-ouverts",
  GITHUB_API_URL: "https://github.example.org/api/v3",
  GITHUB_SERVER_URL: "https://github.example.org",
  GITHUB_RUN_ID: "1234",
};

function configError(run: () => unknown): PipelineError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineError);
    return error as PipelineError;
  }
  throw new Error("expected a configuration error");
}

describe("GitHub target options", () => {
  it("come from the GitHub Actions environment", () => {
    expect(resolveGitHubOptions(actions, {})).toEqual({
      token: TOKEN,
      apiUrl: "https://github.example.org/api/v3",
      owner: "accords-ouverts",
      repo: "accords-ouverts",
      pathPrefix: "datasets/",
      userAgent: "accords-ouverts",
      runUrl: "https://github.example.org/accords-ouverts/accords-ouverts/actions/runs/1234",
    });
  });

  it("let the configuration choose the repository, branches, label and people", () => {
    const options = resolveGitHubOptions(
      { GH_TOKEN: TOKEN },
      {
        owner: "region",
        repo: "open-data",
        baseBranch: "publie",
        pathPrefix: "./donnees",
        label: "données",
        reviewers: ["marie"],
        assignees: ["paul"],
        dryRun: true,
      },
    );
    expect(options).toMatchObject({
      token: TOKEN,
      apiUrl: "https://api.github.com",
      owner: "region",
      repo: "open-data",
      baseBranch: "publie",
      pathPrefix: "donnees/",
      label: "données",
      reviewers: ["marie"],
      assignees: ["paul"],
      dryRun: true,
    });
  });

  it("refuse to run without a token, and say which variable to set", () => {
    const error = configError(() => resolveGitHubOptions({ GITHUB_REPOSITORY: "a/b" }, {}));
    expect(error.diagnostic).toMatchObject({ stage: "publish", code: "config" });
    expect(error.message).toMatch(/GITHUB_TOKEN \(or GH_TOKEN\)/);
  });

  it("refuse to run without a repository, never printing the token", () => {
    const error = configError(() => resolveGitHubOptions({ GITHUB_TOKEN: TOKEN }, {}));
    expect(error.message).toMatch(/GITHUB_REPOSITORY=owner\/repo/);
    expect(error.message).not.toContain(TOKEN);
    expect(
      configError(() => resolveGitHubOptions({ GITHUB_TOKEN: TOKEN }, { owner: "a b", repo: "c" })).message,
    ).toMatch(/not a valid GitHub repository/);
    expect(configError(() => resolveGitHubOptions({ ...actions }, { pathPrefix: "../outside" })).message).toMatch(
      /pathPrefix/,
    );
  });
});
