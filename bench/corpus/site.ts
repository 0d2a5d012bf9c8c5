/**
 * A WordPress Download Manager package page listing the generated PDFs, with the same structure
 * as the Region's page (metadata table by label, one row and one link per file), so that the
 * pipeline discovers the benchmark corpus exactly as it discovers the real one.
 */

export const PAGE_PATH = "/download/accords-cadres-banc-essai/";
export const FILES_PATH = "/wp-content/uploads/download-manager-files/";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

function displaySize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(2)} KB`;
}

export function packagePage(files: { fileName: string; bytes: number }[]): string {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const rows = files
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.fileName)}</td><td style='width: 150px;white-space: nowrap;'  class='text-right'><a rel='nofollow' class='btn btn-primary btn-xs'  href='${FILES_PATH}${encodeURIComponent(f.fileName)}'><i class='fa fa-download'></i> &nbsp;Télécharger</a>&nbsp;&nbsp;</td></tr>`,
    )
    .join("");
  return `<!DOCTYPE html>
<html lang="fr-FR" class="no-js">
<head>
<meta charset="UTF-8">
<title>Accords-cadres signés (banc d’essai) &#8211; Hauts-de-France</title>
<meta name="generator" content="WordPress Download Manager 3.1.08" />
<!-- Page générée pour le banc d’essai de performance : les PDF liés sont des documents fictifs. -->
</head>
<body class="wpdmpro-template-default single single-wpdmpro">
<div id="page" class="site">
 <header id="masthead" class="site-header" role="banner"><p class="site-title"><a href="/" rel="home">Hauts-de-France</a></p></header>
 <div id="content" class="site-content">
  <main id="main" class="site-main" role="main">
<article class="wpdmpro type-wpdmpro status-publish hentry">
 <header class="entry-header"><h1 class="entry-title">Accords-cadres signés entre la Région et les territoires (banc d’essai)</h1></header>
 <div class="entry-content">
<div class='w3eden'><div class="page-template-default wpdm-page-template">
    <div class="row">
        <div class="col-md-12"><br/>
            <table class="table table-striped">
                <tbody>
                <tr class=""><td>Dernière mise à jour</td><th class="text-right">15 janvier 2024</th></tr>
                <tr class=""><td>Date de création</td><th class="text-right">1 octobre 2020</th></tr>
                <tr class=""><td>Nombre de fichiers</td><th class="text-right">${files.length}</th></tr>
                <tr class=""><td>Taille totale</td><th class="text-right">${displaySize(total)}</th></tr>
                <tr class="">
                    <td>Fichiers</td>
                    <td><table id='wpdm-filelist-1' class='wpdm-filelist table table-hover'><thead><tr><th>Fichier</th><th>Action</th></tr></thead><tbody>${rows}</tbody></table></td>
                </tr>
                </tbody>
            </table>
        </div>
    </div>
    <div class="row">
        <div class="col-md-12" style="margin-top: 15px">
            <h3>Banc d’essai</h3>
<p>Accords-cadres fictifs générés pour mesurer les performances de la chaîne de traitement.</p>
        </div>
    </div>
</div></div>
 </div>
</article>
  </main>
 </div>
 <footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info">Documents fictifs (jeu d’essai).</div></footer>
</div>
</body>
</html>
`;
}
