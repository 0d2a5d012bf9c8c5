/**
 * Who publishes, under which licence and at which addresses: everything the Data Package, the
 * README and the DCAT-AP catalog say that is not in the records. JSON Schema of the
 * configuration section: schemas/metadata-config.schema.json.
 */

export interface MetadataConfig {
  catalog: {
    title: string;
    description: string;
    /** foaf:homepage of the catalog. */
    homepage: string;
  };
  publisher: {
    name: string;
    /** Stable URI of the publisher (SIREN-based). */
    uri: string;
    /** ADMS publisher type, e.g. http://purl.org/adms/publishertype/RegionalAuthority. */
    type: string;
  };
  contactPoint: { name: string; email?: string; url?: string };
  /** EU language authority table URI. */
  language: string;
  licence: {
    uri: string;
    /** SPDX identifier, the Data Package `licenses[].name`. */
    name: string;
    title: string;
    /** ADMS licence type. */
    type: string;
  };
  /** EU frequency authority table URI. */
  accrualPeriodicity: string;
  /** EU data-theme authority table URI. */
  theme: string;
  /** dct:spatial of the catalog and of every dataset. */
  spatial: string;
  /** Prefix of the catalog's own URIs (catalog, datasets, distributions); ends with "/". */
  catalogBaseUri: string;
  /** URL under which the output folder is served: download URLs are this + the file path; ends with "/". */
  publicBaseUrl: string;
  /** URL under which the files of `buildSchemaFiles()` are served; ends with "/". */
  schemaBaseUrl: string;
  /** A dataset's landing page is this + its slug; ends with "/". */
  landingPageBaseUrl: string;
}

/** The configuration section as written in the file: every field optional. */
export type MetadataConfigInput = Partial<MetadataConfig>;

const REPOSITORY = "https://github.com/accords-ouverts/accords-ouverts";
/** Raw files of the repository's default branch. */
const RAW_BRANCH = "https://raw.githubusercontent.com/accords-ouverts/accords-ouverts/main/";

const FIXED_DEFAULTS: Omit<MetadataConfig, "publicBaseUrl" | "schemaBaseUrl"> = {
  catalog: {
    title: "Accords ouverts — accords-cadres de la Région Hauts-de-France",
    description:
      "Jeux de données ouverts tirés des accords-cadres signés par la Région Hauts-de-France avec les territoires : un enregistrement par accord et un par engagement, extraits des PDF publiés par la Région.",
    homepage: REPOSITORY,
  },
  publisher: {
    name: "Région Hauts-de-France",
    // SIREN 200053742. The public directory of the French administration (annuaire-entreprises,
    // run by the State) gives every SIREN a stable, dereferenceable page: the closest thing to an
    // official URI for a legal entity, and the one data.gouv.fr links to.
    uri: "https://annuaire-entreprises.data.gouv.fr/entreprise/200053742",
    type: "http://purl.org/adms/publishertype/RegionalAuthority",
  },
  contactPoint: { name: "Accords ouverts", url: `${REPOSITORY}/issues` },
  language: "http://publications.europa.eu/resource/authority/language/FRA",
  licence: {
    // The exact `url` of data.gouv.fr's "lov2" licence: udata's DCAT harvester turns a dct:license
    // URI into a licence by comparing it with that url (exactly in older versions, ignoring a
    // trailing slash and the scheme in newer ones), so this spelling is recognised by all of them.
    // The EU licence authority table has no entry for the Licence Ouverte, and DCAT-AP only asks
    // for an IRI here.
    uri: "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
    name: "etalab-2.0",
    title: "Licence Ouverte / Open Licence version 2.0",
    type: "http://purl.org/adms/licencetype/Attribution",
  },
  // The Region publishes new agreements when they are signed, on no schedule.
  accrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/IRREG",
  theme: "http://publications.europa.eu/resource/authority/data-theme/GOVE",
  // GeoNames feature 11071624, the Hauts-de-France region.
  spatial: "https://sws.geonames.org/11071624/",
  catalogBaseUri: "https://accords-ouverts.github.io/",
  landingPageBaseUrl: `${REPOSITORY}/tree/main/datasets/`,
};

/** Fills the defaults; `schemaBaseUrl` follows `publicBaseUrl` unless given. */
export function resolveMetadataConfig(input: MetadataConfigInput = {}): MetadataConfig {
  const publicBaseUrl = input.publicBaseUrl ?? `${RAW_BRANCH}datasets/`;
  return {
    ...FIXED_DEFAULTS,
    ...input,
    publicBaseUrl,
    schemaBaseUrl: input.schemaBaseUrl ?? `${publicBaseUrl}schemas/`,
  };
}

export const DEFAULT_METADATA_CONFIG: MetadataConfig = resolveMetadataConfig();
