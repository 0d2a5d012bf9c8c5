import type { Html } from "../html.ts";
import { html } from "../html.ts";

export const SITE_NAME = "Accords ouverts";
/** Marks a folder as a build of this generator, so that a rebuild may replace it. */
export const GENERATOR = "accords-ouverts/site";

/**
 * Everything is served from the site itself: the policy forbids any other origin, so a page can
 * neither load a tracker nor a CDN by mistake.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

export const EXPLORER_PATH = "engagements.html";

export type Section = "accueil" | "engagements";

export interface PageSpec {
  /** Where the page lives, relative to the site root (`index.html`, `slug/id.html`). */
  path: string;
  title: string;
  section?: Section;
  body: Html;
  /** Site-root-relative paths of scripts to load (deferred). */
  scripts?: string[];
}

/** `../` as many times as the page is deep, so that every link is relative and the site works under any base path. */
export function rootOf(pagePath: string): string {
  return "../".repeat(pagePath.split("/").length - 1);
}

function navLink(root: string, href: string, label: string, current: boolean): Html {
  return html`<li><a href="${root}${href}"${current ? html` aria-current="page"` : ""}>${label}</a></li>`;
}

export function layout(spec: PageSpec): string {
  const root = rootOf(spec.path);
  const scripts = (spec.scripts ?? []).map((src) => html`<script src="${root}${src}" defer></script>\n`);
  return `${html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${GENERATOR}">
<title>${spec.title} · ${SITE_NAME}</title>
<link rel="icon" href="${root}assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${root}assets/style.css">
${scripts}</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
<div class="wrap">
<a class="site-name" href="${root}index.html">${SITE_NAME}</a>
<nav aria-label="Navigation principale">
<ul>
${navLink(root, "index.html", "Jeux de données", spec.section === "accueil")}
${navLink(root, EXPLORER_PATH, "Explorer les engagements", spec.section === "engagements")}
</ul>
</nav>
</div>
</header>
<main id="contenu" class="wrap">
${spec.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p>Site statique généré à partir des fichiers publiés : aucun traceur, aucune ressource extérieure. Les données sont réutilisables selon la licence de chaque jeu de données.</p>
</div>
</footer>
</body>
</html>`}\n`;
}
