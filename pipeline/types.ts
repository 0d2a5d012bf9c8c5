/**
 * The typed boundaries between the pipeline stages:
 * discover → fetch → extract → validate → build → publish.
 * Field names of published records follow ../shared/DATA-CONTRACT.md (French snake_case);
 * everything else is English.
 */

/** Calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export type Stage = "config" | "discover" | "fetch" | "extract" | "validate" | "build" | "publish";

/** A problem tied to a place: which document, which page, which rule. */
export interface Diagnostic {
  stage: Stage;
  /** Stable machine code, e.g. `no-text`, `encrypted`, `http-status`, `schema`. */
  code: string;
  message: string;
  document?: string;
  page?: number;
  field?: string;
}

// ---------------------------------------------------------------- config

export type SourceConfig = { kind: "page"; url: string } | { kind: "directory"; path: string };

export interface Limits {
  /** Largest document accepted, in bytes (the body is cut off while streaming). */
  maxDownloadBytes: number;
  /** Largest number of pages a document may have. */
  maxPages: number;
  /** Per HTTP request (connect, headers, body idle), in milliseconds. */
  requestTimeoutMs: number;
  /** Whole extraction of one document, in milliseconds. */
  documentTimeoutMs: number;
  /** Attempts after the first one for retryable network failures. */
  retries: number;
  /** Parallel downloads. */
  concurrency: number;
  /** Extraction threads; 0 means one per core. */
  workers: number;
  /** Heap cap of each extraction thread, in MB. */
  workerMemoryMb: number;
}

export interface DatasetConfig {
  slug: string;
  title: string;
  description: string;
  sources: SourceConfig[];
  /** Host names documents and pages may be fetched from (redirects included). */
  allowedHosts: string[];
  keywords?: string[];
}

/** The `github` section of the configuration. */
export interface GitHubSettings {
  owner?: string;
  repo?: string;
  baseBranch?: string;
  /** The output folder inside the repository. */
  pathPrefix?: string;
  branchPrefix?: string;
  label?: string;
  reviewers?: string[];
  assignees?: string[];
}

export interface PipelineConfig {
  output: string;
  cacheDir: string;
  limits: Limits;
  datasets: DatasetConfig[];
  /** What the Data Package, README and DCAT-AP catalog say beyond the records (schemas/metadata-config.schema.json). */
  metadata?: Record<string, unknown>;
  target: "local" | "github";
  github?: GitHubSettings;
  removals: { maxEngagementShare: number };
  ocr: OcrSettings;
}

// ---------------------------------------------------------------- discover

/** What the WordPress Download Manager page says about its package. */
export interface SourcePage {
  url: string;
  title: string | null;
  description: string | null;
  dateCreation: IsoDate | null;
  dateMaj: IsoDate | null;
  fileCount: number | null;
  /** As printed, e.g. "228.10 KB". */
  totalSize: string | null;
}

export interface DocumentRef {
  /** Absolute http(s) URL, or a `file://` URL for a directory source. */
  url: string;
  /** Sanitised file name (no path, no control characters), unique within the source. */
  fileName: string;
  page: SourcePage | null;
}

/** What a server sent to identify a version of a resource, for the next conditional request. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchedPage {
  /** Where the body came from, redirects followed. */
  url: string;
  body: string;
  validators: Validators;
}

export interface Discovery {
  source: string;
  page: SourcePage | null;
  documents: DocumentRef[];
  warnings: Diagnostic[];
}

// ---------------------------------------------------------------- fetch

export interface FetchedDocument {
  ref: DocumentRef;
  /** Local file holding the bytes (in the cache folder). */
  path: string;
  sha256: string;
  size: number;
  /** True when the server answered 304 or the local file did not change. */
  unchanged: boolean;
}

export type FetchOutcome = { ok: true; document: FetchedDocument } | { ok: false; ref: DocumentRef; error: Diagnostic };

// ---------------------------------------------------------------- extract

export type Porteur = "region" | "partenaire" | "conjoint";

export interface Axis {
  numero: string;
  intitule: string;
}

export interface ExtractedCommitment {
  numero_axe: string | null;
  intitule_axe: string | null;
  numero_engagement: string | null;
  texte: string;
  porteur: Porteur;
  montant_euros: number | null;
  /** 1-based page where the commitment starts. */
  page: number;
}

export interface ExtractedAgreement {
  titre: string;
  type_accord: string;
  nom_region: string;
  siren_region: string;
  nom_partenaire: string;
  siren_partenaire: string | null;
  nature_partenaire: string | null;
  date_signature: IsoDate | null;
  lieu_signature: string | null;
  date_debut: IsoDate | null;
  date_fin: IsoDate | null;
  duree_mois: number | null;
  axes: Axis[];
  nombre_pages: number;
  engagements: ExtractedCommitment[];
}

/** Why a document yields no agreement. */
export type RejectionCode =
  | "not-a-pdf"
  | "invalid-pdf"
  | "encrypted"
  | "no-text"
  | "not-an-agreement"
  | "too-many-pages"
  | "timeout"
  | "out-of-memory"
  | "worker-crashed";

export type ExtractionResult =
  | {
      ok: true;
      agreement: ExtractedAgreement;
      warnings: Diagnostic[];
      /** Pages whose text came from OCR. */
      ocrPages?: OcrPage[];
    }
  | { ok: false; code: RejectionCode; error: Diagnostic; warnings: Diagnostic[] };

/** A page whose text came from OCR, with the mean OCR confidence (0..100). */
export interface OcrPage {
  page: number;
  confidence: number | null;
}

/** Where the OCR of a document stands, as each page is done. */
export interface OcrProgress {
  page: number;
  /** Pages OCR'd so far (cached pages are not counted). */
  done: number;
  /** Pages to OCR in this call. */
  total: number;
}

/** OCR of pages without a usable text layer (configuration `ocr`). */
export interface OcrSettings {
  enabled: boolean;
  /** Tesseract languages, each installed from npm as `@tesseract.js-data/<code>`. */
  languages: string[];
  dpi: number;
  pageTimeoutMs: number;
  documentTimeoutMs: number;
  /** OCR threads per document; 0: the cores left to each extraction thread. */
  workers: number;
}

export interface ExtractOptions {
  /** Used in diagnostics. */
  fileName: string;
  maxPages: number;
  /** The document's hash, which keys the OCR cache. */
  sha256?: string;
  /** Without it, pages with no usable text layer are left as they are. */
  ocr?: OcrSettings & { cacheDir: string | null };
  /** Called as each page is OCR'd. */
  onOcrProgress?: (e: OcrProgress) => void;
}

// ---------------------------------------------------------------- records (DATA-CONTRACT.md)

export interface AccordRecord {
  id_accord: string;
  titre: string;
  type_accord: string;
  nom_region: string;
  siren_region: string;
  nom_partenaire: string;
  siren_partenaire: string | null;
  nature_partenaire: string | null;
  date_signature: IsoDate | null;
  lieu_signature: string | null;
  date_debut: IsoDate | null;
  date_fin: IsoDate | null;
  duree_mois: number | null;
  axes: Axis[];
  nombre_engagements: number;
  url_document: string;
  nom_fichier: string;
  sha256_document: string;
  taille_octets: number;
  nombre_pages: number;
  url_page_source: string | null;
  date_creation_source: IsoDate | null;
  date_maj_source: IsoDate | null;
  date_premiere_publication: IsoDate;
  date_derniere_modification: IsoDate;
}

export interface EngagementRecord {
  id_engagement: string;
  id_accord: string;
  numero_axe: string | null;
  intitule_axe: string | null;
  numero_engagement: string | null;
  texte: string;
  porteur: Porteur;
  montant_euros: number | null;
  page: number;
  date_premiere_publication: IsoDate;
  date_derniere_modification: IsoDate;
}

// ---------------------------------------------------------------- build / publish

/** One file of a publication, path relative to the output root, POSIX separators. */
export interface OutputFile {
  path: string;
  content: Uint8Array;
}

/** Read access to what is already published (local folder, or a git branch through an API). */
export interface PublishedStore {
  read(path: string): Promise<Uint8Array | null>;
  /**
   * Whether the published file holds exactly `content`, when the store can tell without
   * transferring the file (a git tree knows each file's blob SHA).
   */
  holds?(path: string, content: Uint8Array): Promise<"same" | "different" | "absent">;
}

// ---------------------------------------------------------------- page text (text layer or OCR)

/** A run of text placed on a page, in PDF points, origin at the top-left corner. */
export interface PositionedText {
  str: string;
  x: number;
  /** Top of the text box. */
  y: number;
  width: number;
  /** Font size (text layer) or box height (OCR). */
  height: number;
  fontName?: string;
}

/** Everything the extraction rules read from one page, wherever the text came from. */
export interface PageText {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  items: PositionedText[];
  source: "text-layer" | "ocr";
  /** Mean OCR confidence 0..100, for OCR pages. */
  ocrConfidence?: number;
}

// ---------------------------------------------------------------- changes

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RecordChanges<Id extends string = string> {
  added: Id[];
  removed: Id[];
  changed: { id: Id; fields: FieldChange[] }[];
}

/** What a publication changes in one dataset, compared with what is published. */
export interface ChangeSummary {
  slug: string;
  accords: RecordChanges;
  engagements: RecordChanges;
  /** Paths (relative to the output root) whose bytes change, are added or removed. */
  files: { added: string[]; changed: string[]; removed: string[] };
  sourcePage: { before: SourcePage | null; after: SourcePage | null };
  rejected: { document: string; code: string; message: string }[];
  warnings: Diagnostic[];
}
