/**
 * The vocabulary of the generated agreements. Partner names are real intercommunalities of the
 * Hauts-de-France region; everything they are made to say, their SIREN numbers and every
 * signatory are invented (the documents are marked "Document fictif – jeu d’essai").
 */

export type Nature =
  | "métropole"
  | "communauté urbaine"
  | "communauté d'agglomération"
  | "communauté de communes"
  | "pôle métropolitain";

export interface Epci {
  name: string;
  nature: Nature;
  /** Where the partner sits, and where the agreement is signed. */
  seat: string;
}

const M = "métropole";
const CU = "communauté urbaine";
const CA = "communauté d'agglomération";
const CC = "communauté de communes";
const PM = "pôle métropolitain";

export const EPCIS: readonly Epci[] = (
  [
    ["Métropole européenne de Lille", M, "Lille"],
    ["Communauté urbaine de Dunkerque", CU, "Dunkerque"],
    ["Communauté urbaine d’Arras", CU, "Arras"],
    ["Amiens Métropole", CA, "Amiens"],
    ["Valenciennes Métropole", CA, "Valenciennes"],
    ["Douaisis Agglo", CA, "Douai"],
    ["Communauté d’agglomération du Boulonnais", CA, "Boulogne-sur-Mer"],
    ["Grand Calais Terres et Mers", CA, "Calais"],
    ["Communauté d’agglomération de Lens-Liévin", CA, "Lens"],
    ["Communauté d’agglomération d’Hénin-Carvin", CA, "Hénin-Beaumont"],
    ["Communauté d’agglomération de Béthune-Bruay, Artois-Lys Romane", CA, "Béthune"],
    ["Communauté d’agglomération de Cambrai", CA, "Cambrai"],
    ["Communauté d’agglomération du Caudrésis et du Catésis", CA, "Caudry"],
    ["Communauté d’agglomération Maubeuge Val de Sambre", CA, "Maubeuge"],
    ["Communauté d’agglomération de la Porte du Hainaut", CA, "Wallers"],
    ["Communauté d’agglomération du Saint-Quentinois", CA, "Saint-Quentin"],
    ["Communauté d’agglomération de la Région de Château-Thierry", CA, "Château-Thierry"],
    ["GrandSoissons Agglomération", CA, "Soissons"],
    ["Communauté d’agglomération du Pays de Laon", CA, "Laon"],
    ["Communauté d’agglomération Chauny-Tergnier-La Fère", CA, "Chauny"],
    ["Communauté d’agglomération du Beauvaisis", CA, "Beauvais"],
    ["Agglomération de la Région de Compiègne", CA, "Compiègne"],
    ["Communauté d’agglomération Creil Sud Oise", CA, "Creil"],
    ["Communauté d’agglomération du Pays de Saint-Omer", CA, "Saint-Omer"],
    ["Communauté d’agglomération des Deux Baies en Montreuillois", CA, "Montreuil-sur-Mer"],
    ["Communauté d’agglomération de la Baie de Somme", CA, "Abbeville"],
    ["Communauté de communes Pévèle Carembault", CC, "Pont-à-Marcq"],
    ["Communauté de communes de Flandre intérieure", CC, "Hazebrouck"],
    ["Communauté de communes des Hauts de Flandre", CC, "Wormhout"],
    ["Communauté de communes Cœur d’Ostrevent", CC, "Lewarde"],
    ["Communauté de communes du Pays de Mormal", CC, "Le Quesnoy"],
    ["Communauté de communes du Cœur de l’Avesnois", CC, "Avesnes-sur-Helpe"],
    ["Communauté de communes Sud-Avesnois", CC, "Fourmies"],
    ["Communauté de communes du Pays Solesmois", CC, "Solesmes"],
    ["Communauté de communes Flandre Lys", CC, "Sailly-sur-la-Lys"],
    ["Communauté de communes du Ternois", CC, "Saint-Pol-sur-Ternoise"],
    ["Communauté de communes des Campagnes de l’Artois", CC, "Avesnes-le-Comte"],
    ["Communauté de communes Osartis-Marquion", CC, "Vitry-en-Artois"],
    ["Communauté de communes du Sud-Artois", CC, "Bapaume"],
    ["Communauté de communes du Haut Pays du Montreuillois", CC, "Fruges"],
    ["Communauté de communes de la Terre des Deux Caps", CC, "Marquise"],
    ["Communauté de communes Pays d’Opale", CC, "Guînes"],
    ["Communauté de communes de la Région d’Audruicq", CC, "Audruicq"],
    ["Communauté de communes du Pays de Lumbres", CC, "Lumbres"],
    ["Communauté de communes de Desvres-Samer", CC, "Desvres"],
    ["Communauté de communes du Vimeu", CC, "Friville-Escarbotin"],
    ["Communauté de communes Ponthieu-Marquenterre", CC, "Nouvion"],
    ["Communauté de communes de l’Est de la Somme", CC, "Ham"],
    ["Communauté de communes Terre de Picardie", CC, "Estrées-Mons"],
    ["Communauté de communes du Val de Somme", CC, "Corbie"],
    ["Communauté de communes du Grand Roye", CC, "Roye"],
    ["Communauté de communes Avre Luce Noye", CC, "Moreuil"],
    ["Communauté de communes Somme Sud-Ouest", CC, "Poix-de-Picardie"],
    ["Communauté de communes Nièvre et Somme", CC, "Flixecourt"],
    ["Communauté de communes du Pays du Coquelicot", CC, "Albert"],
    ["Communauté de communes de la Haute Somme", CC, "Péronne"],
    ["Communauté de communes du Clermontois", CC, "Clermont"],
    ["Communauté de communes du Liancourtois", CC, "Liancourt"],
    ["Communauté de communes de l’Aire Cantilienne", CC, "Chantilly"],
    ["Communauté de communes Senlis Sud Oise", CC, "Senlis"],
    ["Communauté de communes du Pays de Valois", CC, "Crépy-en-Valois"],
    ["Communauté de communes de la Picardie Verte", CC, "Marseille-en-Beauvaisis"],
    ["Communauté de communes du Pays Noyonnais", CC, "Noyon"],
    ["Communauté de communes du Plateau Picard", CC, "Saint-Just-en-Chaussée"],
    ["Communauté de communes de l’Oise Picarde", CC, "Breteuil"],
    ["Communauté de communes Thelloise", CC, "Neuilly-en-Thelle"],
    ["Communauté de communes du Vexin-Thelle", CC, "Chaumont-en-Vexin"],
    ["Communauté de communes des Sablons", CC, "Méru"],
    ["Communauté de communes des Trois Rivières", CC, "Hirson"],
    ["Communauté de communes du Val de l’Oise", CC, "Moÿ-de-l’Aisne"],
    ["Communauté de communes Retz-en-Valois", CC, "Villers-Cotterêts"],
    ["Communauté de communes du Pays de la Serre", CC, "Marle"],
    ["Pôle métropolitain de la Côte d’Opale", PM, "Dunkerque"],
  ] as const
).map(([name, nature, seat]) => ({ name, nature, seat }));

/** How the partner is designated in the text ("ci-après dénommée « … »"), lower-case article included. */
export function designation(epci: Epci): string {
  if (epci.nature === "métropole") return "la Métropole";
  if (epci.name.startsWith("Communauté urbaine")) return "la Communauté urbaine";
  if (epci.name.startsWith("Communauté d’agglomération")) return "la Communauté d’agglomération";
  if (epci.name.startsWith("Communauté de communes")) return "la Communauté de communes";
  if (epci.name.startsWith("Pôle")) return "le Pôle métropolitain";
  return epci.name;
}

/** The full name with its article, as in "Pour la Communauté urbaine de Dunkerque". */
export function withArticle(epci: Epci): string {
  if (/^(Communauté|Métropole)/.test(epci.name)) return `la ${epci.name}`;
  if (epci.name.startsWith("Pôle")) return `le ${epci.name}`;
  if (epci.name.startsWith("Agglomération")) return `l’${epci.name}`;
  return epci.name;
}

/** As printed in a narrow table column. */
export function shortName(epci: Epci): string {
  return epci.name
    .replace(/^Communauté d’agglomération (du |de la |de l’|des |d’|de )?/, "CA ")
    .replace(/^Communauté de communes (du |de la |de l’|des |d’|de )?/, "CC ")
    .replace(/^Communauté urbaine (de |d’)/, "CU ");
}

export const NATURE_PHRASE: Record<Nature, string> = {
  métropole: "métropole, établissement public de coopération intercommunale à fiscalité propre",
  "communauté urbaine": "communauté urbaine",
  "communauté d'agglomération": "communauté d’agglomération",
  "communauté de communes": "communauté de communes",
  "pôle métropolitain": "pôle métropolitain, syndicat mixte",
};

export const FIRST_NAMES: Record<"M." | "Mme", readonly string[]> = {
  "M.": ["Bernard", "Jean-Marc", "Olivier", "Philippe", "François", "Thierry", "Hervé", "Jean-Pierre", "Didier"],
  Mme: ["Sylvie", "Nathalie", "Catherine", "Isabelle", "Martine", "Valérie", "Sandrine", "Béatrice", "Laurence"],
};
export const LAST_NAMES = [
  "Vasseur",
  "Leroux",
  "Demarcq",
  "Delattre",
  "Lefebvre",
  "Dupont",
  "Caron",
  "Lemaire",
  "Vandamme",
  "Delcourt",
  "Desmet",
  "Wattel",
  "Hennebert",
  "Bécourt",
  "Poulain",
  "Duquesne",
  "Mortier",
  "Lecomte",
  "Verhaeghe",
  "Crépin",
];
export const REGION_PRESIDENT = "Pierre-Yves Garnier";

export const SLOGANS = [
  "Un territoire d’équilibre au cœur des Hauts-de-France",
  "Conforter un pôle de services au bénéfice des territoires voisins",
  "Réussir ensemble les transitions du territoire",
  "Un partenariat renforcé pour l’emploi et l’attractivité",
  "Relier, accueillir, innover",
  "Une ambition partagée pour le développement territorial",
];

export const TITLES = [
  "Accord-cadre de partenariat territorial",
  "Accord-cadre de partenariat territorial",
  "Accord-cadre de partenariat territorial",
  "Contrat de partenariat territorial",
  "Accord-cadre de développement territorial",
];

export const VISAS = [
  "Vu le code général des collectivités territoriales, notamment ses articles L. 1111-9 et L. 4221-1 ;",
  "Vu la loi n° 2014-58 du 27 janvier 2014 de modernisation de l’action publique territoriale et d’affirmation des métropoles ;",
  "Vu la loi n° 2015-991 du 7 août 2015 portant nouvelle organisation territoriale de la République ;",
  "Vu le schéma régional de développement économique, d’innovation et d’internationalisation adopté par le Conseil régional le 30 mars 2017 ;",
  "Vu le schéma régional d’aménagement, de développement durable et d’égalité des territoires approuvé le 4 août 2020 ;",
  "Vu le contrat de plan État-Région 2021-2027 ;",
  "Vu le programme opérationnel FEDER-FSE+ Hauts-de-France 2021-2027 ;",
  "Vu la délibération n° {delib} du Conseil régional du {dateRegion} approuvant le présent accord et autorisant son Président à le signer ;",
  "Vu la délibération du conseil communautaire en date du {datePartner} autorisant son Président à signer le présent accord ;",
  "Vu le projet de territoire adopté par le conseil communautaire le {dateProject} ;",
];

export const PREAMBLE = [
  "La Région Hauts-de-France et {partner} partagent une conviction : le développement régional repose sur des territoires forts, reliés entre eux et solidaires. Le présent accord traduit cette ambition commune en objectifs précis et en engagements réciproques.",
  "Le territoire de {partner} présente des atouts reconnus : une base productive diversifiée, un patrimoine naturel et bâti de qualité, des équipements structurants et une population jeune. Il doit néanmoins faire face à des fragilités sociales, à un vieillissement de certains quartiers et à une consommation foncière encore trop élevée.",
  "Par le présent accord, les deux collectivités entendent dépasser une relation fondée sur l’instruction de dossiers au cas par cas pour construire un partenariat de projets, lisible, hiérarchisé et évalué chaque année.",
  "L’accord s’articule avec le contrat de plan État-Région, les programmes européens et les politiques sectorielles de chacune des parties, qu’il n’a pas pour objet de modifier. Il en constitue la déclinaison territoriale.",
  "Le diagnostic partagé met en évidence des domaines d’excellence qui doivent être confortés, en complémentarité et non en concurrence avec les autres pôles de l’ossature régionale.",
];

/** A preamble sentence that reads like a commitment but is not one (the extraction must skip it). */
export const PREAMBLE_TRAP =
  "La Région s’engage à faire de ces accords le cadre de référence de ses relations avec les territoires ; {partner}, de son côté, y inscrit les priorités de son projet de territoire.";

export const FINDINGS = [
  "le territoire dispose de filières d’excellence qui constituent des leviers d’attractivité ;",
  "les activités de services à haute valeur ajoutée restent sous-représentées au regard du poids démographique du territoire ;",
  "les liaisons avec les autres pôles restent insuffisantes aux heures de pointe ;",
  "la pression foncière menace les espaces agricoles périurbains ;",
  "le taux de chômage des jeunes demeure supérieur à la moyenne régionale ;",
  "le parc de logements anciens présente des performances énergétiques médiocres ;",
  "les centres-bourgs connaissent une vacance commerciale croissante ;",
  "l’offre de soins de premier recours est fragile dans les communes rurales ;",
];

export interface Theme {
  axis: string;
  intro: string;
  objects: string[];
}

export const THEMES: readonly Theme[] = [
  {
    axis: "Renforcer l’attractivité économique et l’emploi",
    intro:
      "Le territoire doit accroître le poids des activités à haute valeur ajoutée et s’appuyer sur ses domaines d’excellence pour renforcer son attractivité auprès des entreprises et des actifs.",
    objects: [
      "l’accueil d’entreprises industrielles sur les parcs d’activités requalifiés",
      "la création d’un hôtel d’entreprises consacré aux activités numériques",
      "un programme de prospection des investisseurs nationaux et internationaux",
      "la modernisation des zones d’activités économiques vieillissantes",
      "le développement d’un pôle d’excellence consacré au stockage de l’énergie",
      "un dispositif d’accompagnement des entreprises artisanales à la transmission",
    ],
  },
  {
    axis: "Améliorer les mobilités et l’accessibilité du territoire",
    intro:
      "Les habitants doivent pouvoir rejoindre les pôles d’emploi et de services par des modes de transport fiables, abordables et moins émetteurs de gaz à effet de serre.",
    objects: [
      "la modernisation du pôle d’échanges multimodal de la gare",
      "l’aménagement d’itinéraires cyclables continus entre les communes membres",
      "le développement du transport à la demande dans les communes rurales",
      "la création de parcs relais et de stationnements sécurisés pour les vélos",
      "les études d’amélioration de la desserte ferroviaire vers la capitale régionale",
      "une offre de covoiturage organisée vers les principaux sites d’emploi",
    ],
  },
  {
    axis: "Accompagner les transitions énergétique et écologique",
    intro:
      "La transition énergétique du territoire doit s’accompagner d’une amélioration sensible de la qualité de l’air, d’une sobriété foncière accrue et d’un développement des énergies renouvelables.",
    objects: [
      "la rénovation énergétique des bâtiments publics communaux",
      "l’extension du réseau de chaleur alimenté par la récupération de chaleur fatale",
      "la production d’énergies renouvelables sur les toitures des équipements publics",
      "un plan d’actions en faveur de l’économie circulaire et du réemploi",
      "la structuration d’une filière locale de bois-énergie",
      "un programme de rénovation des logements anciens les plus énergivores",
    ],
  },
  {
    axis: "Conforter l’offre de services et de santé",
    intro:
      "Le maintien d’une offre de services de proximité, et en particulier de l’offre de soins, conditionne l’attractivité résidentielle du territoire.",
    objects: [
      "la création d’une maison de santé pluriprofessionnelle",
      "l’installation de jeunes médecins généralistes dans les communes rurales",
      "la création d’espaces France services dans les bourgs-centres",
      "la modernisation des équipements sportifs de rayonnement intercommunal",
      "l’ouverture d’un centre de formation aux métiers du soin et de l’accompagnement",
    ],
  },
  {
    axis: "Valoriser le patrimoine et développer le tourisme",
    intro:
      "Le potentiel touristique du territoire, encore peu exploité, doit s’inscrire dans les itinéraires régionaux et bénéficier d’une promotion coordonnée.",
    objects: [
      "la valorisation des sites du tourisme de mémoire",
      "la restauration du patrimoine bâti remarquable des centres anciens",
      "la promotion de la destination dans les stratégies touristiques régionales",
      "l’aménagement d’une véloroute le long de la vallée",
      "la création d’un centre d’interprétation de l’architecture et du patrimoine",
    ],
  },
  {
    axis: "Revitaliser les centres-villes et les centres-bourgs",
    intro:
      "Les centres-villes et les centres-bourgs connaissent une vacance commerciale et résidentielle croissante, à laquelle les parties entendent répondre par une action coordonnée.",
    objects: [
      "la revitalisation commerciale du centre-ville",
      "la requalification des espaces publics des bourgs-centres",
      "la reconquête des logements vacants en centre ancien",
      "la création d’une foncière commerciale de redynamisation",
      "l’installation de tiers-lieux dans les locaux vacants",
    ],
  },
  {
    axis: "Développer l’enseignement supérieur, la formation et l’innovation",
    intro:
      "L’élévation du niveau de qualification des habitants et l’ancrage des établissements d’enseignement supérieur sont des conditions du développement du territoire.",
    objects: [
      "l’implantation d’une antenne universitaire de premier cycle",
      "un programme de formation aux métiers de l’industrie du futur",
      "la création d’un campus des métiers et des qualifications",
      "le développement d’une plateforme d’innovation ouverte aux entreprises",
      "l’insertion professionnelle des jeunes sortis du système scolaire sans qualification",
    ],
  },
  {
    axis: "Préserver les ressources naturelles et la biodiversité",
    intro:
      "Le territoire abrite des milieux naturels d’une grande richesse, exposés à l’artificialisation des sols et aux effets du changement climatique.",
    objects: [
      "la restauration des zones humides et des continuités écologiques",
      "la plantation de haies bocagères sur les terres agricoles",
      "la création d’une trame verte et bleue reliant les espaces naturels",
      "la prévention des risques d’inondation et de coulées de boue",
      "la protection de la ressource en eau potable",
    ],
  },
  {
    axis: "Reconquérir les friches et maîtriser le foncier",
    intro:
      "La reconversion des friches industrielles et commerciales permet d’accueillir de nouvelles activités sans consommer d’espaces agricoles ou naturels.",
    objects: [
      "la requalification des friches industrielles du territoire",
      "un observatoire partagé du foncier économique",
      "la reconversion des sites miniers en espaces d’activités",
      "la dépollution des anciens sites industriels",
    ],
  },
  {
    axis: "Soutenir l’agriculture et l’alimentation de proximité",
    intro:
      "L’agriculture demeure une activité structurante du territoire, dont la transition et les débouchés locaux doivent être soutenus.",
    objects: [
      "la transition agricole et le développement des circuits courts",
      "la création d’une légumerie approvisionnant la restauration collective",
      "le projet alimentaire territorial",
      "l’installation de jeunes agriculteurs",
    ],
  },
  {
    axis: "Déployer le numérique sur l’ensemble du territoire",
    intro:
      "L’accès au très haut débit et aux services numériques est devenu une condition de l’égalité entre les habitants et de l’attractivité du territoire.",
    objects: [
      "la couverture de l’ensemble des communes en très haut débit",
      "la création d’un tiers-lieu consacré au numérique",
      "l’inclusion numérique des publics les plus éloignés",
      "la numérisation des services publics intercommunaux",
    ],
  },
  {
    axis: "Coopérer avec les territoires voisins",
    intro:
      "Le territoire doit jouer un rôle d’entraînement au bénéfice des territoires qui l’entourent, en complémentarité avec les autres pôles de l’ossature régionale.",
    objects: [
      "des conventions de coopération avec les intercommunalités voisines",
      "une conférence annuelle des territoires du bassin de vie",
      "une stratégie commune d’attractivité avec les territoires limitrophes",
      "la mutualisation de l’ingénierie avec les communautés de communes rurales",
    ],
  },
];

export const VERBS = [
  "soutenir",
  "accompagner",
  "financer",
  "cofinancer",
  "développer",
  "conduire les études relatives à",
  "mettre en œuvre",
  "favoriser",
  "engager",
  "promouvoir",
  "contribuer à",
  "participer au financement de",
];

export const COMPLEMENTS = [
  "sur l’ensemble du territoire intercommunal",
  "en lien avec les communes membres",
  "dans les quartiers prioritaires de la politique de la ville",
  "d’ici la fin de l’année {year}",
  "en cohérence avec les orientations du SRADDET",
  "en associant les acteurs économiques locaux",
  "au bénéfice des habitants des communes rurales",
  "selon un calendrier arrêté par le comité de pilotage",
  "en mobilisant en priorité les dispositifs régionaux de droit commun",
  "dans le respect des règlements d’intervention en vigueur",
];

/** Figures that look like amounts but are not (surfaces, shares). */
export const NOT_AMOUNTS = [
  ", sur une surface d’au moins 40 000 m²",
  ", avec une aide pouvant atteindre 50 % du coût des travaux",
  ", pour au moins 30 % des investissements concernés",
  ", sur une emprise de 12 hectares",
];

export const AMOUNT_LEADS = [
  ", pour un montant de {amount}",
  ", à hauteur de {amount}",
  ", en y consacrant {amount}",
  ", par une participation de {amount}",
  ", au travers d’une enveloppe de {amount}",
  ", pour un montant maximal de {amount}",
];

export const GOVERNANCE = [
  "{both} s’engagent à réunir le comité de pilotage au moins une fois par an afin d’examiner l’état d’avancement des engagements.",
  "{Partner} s’engage à désigner un référent chargé du suivi de l’accord et à transmettre chaque année à la Région un tableau de bord des réalisations.",
  "La Région s’engage à informer {partner}, dans un délai de deux mois, des suites données aux demandes de subvention déposées au titre du présent accord.",
  "Les parties s’engagent à présenter un bilan à mi-parcours à leurs assemblées délibérantes au cours de l’année {mid}.",
];

export const GOVERNANCE_TEXT = [
  "Un comité de pilotage est institué. Il est coprésidé par le Président du Conseil régional et par le Président de {partner}, ou par leurs représentants. Il réunit les vice-présidents concernés et les directeurs généraux des services des deux collectivités.",
  "Un comité technique, composé des services des deux collectivités, prépare les travaux du comité de pilotage et assure le suivi opérationnel des engagements.",
];

/** Articles that add length without adding commitments (no "s’engage" in them). */
export const FILLER_TITLES = [
  "Conventions d’application",
  "Modalités financières",
  "Suivi et évaluation",
  "Communication",
  "Articulation avec les autres contractualisations",
  "Ingénierie et animation territoriale",
  "Observation et données partagées",
  "Mobilisation des fonds européens",
  "Association des acteurs du territoire",
  "Clause de revoyure",
  "Transparence et publicité des aides",
  "Protection des données personnelles",
  "Diagnostic territorial partagé",
  "Indicateurs de réalisation et de résultat",
];

export const FILLER_SUBTITLES = [
  "Principes",
  "Champ d’application",
  "Modalités de mise en œuvre",
  "Calendrier",
  "Dispositions particulières",
  "Rôle des services",
  "Information des assemblées",
];

export const FILLER_SENTENCES = [
  "Les montants mentionnés au présent accord sont indicatifs ; ils sont mobilisés dans la limite des crédits votés chaque année par les assemblées délibérantes.",
  "Chaque opération fait l’objet d’une convention d’application qui en précise le coût, le plan de financement, le calendrier et les modalités de versement de l’aide.",
  "Les aides régionales sont attribuées selon les règlements d’intervention en vigueur à la date de dépôt des demandes.",
  "Lorsqu’une opération ne comporte pas de montant, son financement relève des politiques de droit commun de chacune des parties.",
  "Le comité technique examine chaque année la programmation prévisionnelle des opérations et propose, le cas échéant, les ajustements nécessaires.",
  "Les indicateurs de suivi sont renseignés par les services de {partner} et transmis à la Région avant la fin du premier trimestre.",
  "La Région met à disposition de ses partenaires les données de l’observation régionale relatives à l’emploi, au logement, aux mobilités et à la consommation foncière.",
  "Les supports de communication relatifs aux opérations cofinancées font apparaître le logotype de la Région dans les conditions prévues par sa charte graphique.",
  "Les panneaux de chantier des opérations d’investissement mentionnent le montant de la participation régionale.",
  "Le présent accord s’articule avec le contrat de plan État-Région, les programmes opérationnels européens et le contrat de relance et de transition écologique du territoire.",
  "Il ne modifie pas les engagements pris dans ces cadres, qu’il a vocation à compléter et à mettre en cohérence.",
  "Les fonds européens dont la Région assure la gestion peuvent être mobilisés au profit des opérations inscrites au présent accord, dans le respect des règles propres à chaque programme.",
  "Les acteurs socio-économiques du territoire, les chambres consulaires et les associations sont associés à la mise en œuvre des actions qui les concernent.",
  "Une réunion d’information ouverte aux maires des communes membres est organisée chaque année à l’initiative de {partner}.",
  "À l’issue de la troisième année, les parties examinent l’opportunité d’actualiser les axes et les engagements au regard des résultats obtenus.",
  "Les données à caractère personnel éventuellement collectées dans le cadre du suivi sont traitées conformément au règlement général sur la protection des données.",
  "Le diagnostic fait apparaître une croissance démographique modérée, un vieillissement de la population et un solde migratoire négatif chez les jeunes actifs.",
  "L’emploi salarié privé a progressé au cours des cinq dernières années, porté par la logistique, l’industrie agroalimentaire et les services à la personne.",
  "La part des ménages modestes demeure élevée dans plusieurs communes, où le taux de pauvreté dépasse la moyenne régionale.",
  "Les déplacements domicile-travail s’effectuent encore très majoritairement en voiture individuelle, y compris pour des distances inférieures à cinq kilomètres.",
  "La consommation d’espaces naturels, agricoles et forestiers a ralenti, sans atteindre encore les objectifs fixés par le schéma régional.",
  "Les dépenses d’ingénierie liées à la préparation des projets peuvent être prises en compte dans le plan de financement des opérations.",
  "Les services des deux collectivités se rencontrent autant que nécessaire pour préparer les dossiers et en faciliter l’instruction.",
  "Les délais d’instruction des demandes d’aide sont suivis et présentés au comité de pilotage.",
  "Les résultats de l’évaluation sont rendus publics et mis à disposition des habitants sous une forme accessible.",
  "Les crédits non engagés à l’issue de la deuxième année peuvent être réaffectés à d’autres opérations du même axe, sur décision du comité de pilotage.",
];
