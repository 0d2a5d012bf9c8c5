import type { IsoDate } from "../../types.ts";

/**
 * Dates in the metadata. ISO dates compare as strings. The Data Package stores RFC 3339
 * date-times at midnight UTC (the form its profile requires for `created`); RDF and the README
 * use the date part.
 */

export const dateTime = (date: IsoDate): string => `${date}T00:00:00Z`;

export const dateOf = (value: string): IsoDate => value.slice(0, 10);

export const earliest = (dates: IsoDate[]): IsoDate | undefined => [...dates].sort()[0];

export const latest = (dates: IsoDate[]): IsoDate | undefined => [...dates].sort().at(-1);

/** A date read back from an earlier publication is never after today, whatever the clock said then. */
export const notAfter = (date: IsoDate, today: IsoDate): IsoDate => (date > today ? today : date);
