import { describe, expect, it } from "vitest";
import { parseDisplayDate } from "../../pipeline/discover/index.ts";

describe("parseDisplayDate", () => {
  it.each([
    ["1 octobre 2020", "2020-10-01"],
    ["1er octobre 2020", "2020-10-01"],
    ["1er Octobre 2020", "2020-10-01"],
    ["14 février 2021", "2021-02-14"],
    ["14 fevrier 2021", "2021-02-14"],
    ["3 déc. 2020", "2020-12-03"],
    ["15 août 2019 à 10 h 30", "2019-08-15"],
    ["01/10/2020", "2020-10-01"],
    ["1.10.2020", "2020-10-01"],
    ["October 1, 2020", "2020-10-01"],
    ["Oct 1st 2020", "2020-10-01"],
    ["2020-10-01", "2020-10-01"],
    ["2020-10-01T08:00:00+02:00", "2020-10-01"],
    ["  1\u00a0octobre\u00a02020 ", "2020-10-01"],
  ])("%j → %s", (text, iso) => {
    expect(parseDisplayDate(text)).toBe(iso);
  });

  it.each(["31/02/2020", "32 octobre 2020", "1 brumaire 2020", "hier", "", "10/2020"])("%j → null", (text) => {
    expect(parseDisplayDate(text)).toBeNull();
  });
});
