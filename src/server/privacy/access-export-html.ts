import type { AccessExport } from '../../domain/access-export';
import { AUDIT_TIME_ZONE } from '../../domain/audit-messages';
import type { Bilan } from '../../domain/bilan';
import type { ContactAttempt, Meeting, StatusChange } from '../../domain/case-records';
import type { Conflict } from '../../domain/conflict';
import type { Contract } from '../../domain/contract';
import {
  attendance,
  bilanStatus,
  caseStatus,
  contactChannel,
  contactResult,
  contactTarget,
  contractState,
  freinTheme,
  guardianRelation,
  meetingKind,
  origin,
  outcomeCode,
  proposalDecision,
  schoolLevel,
  sex,
  skill,
  skillLevel,
  solutionType,
} from '../../domain/enums';
import type { Proposal } from '../../domain/proposal';
import type { YoungPerson } from '../../domain/young-person';

/**
 * The right-of-access export as a document a young person can read: French,
 * self-contained (its style inside), printable on A4. Every value is escaped.
 */

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const momentFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: AUDIT_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "05/10/2026" for a day, "05/10/2026 10:00" for a moment (Paris time), '' for nothing. */
function when(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const moment = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(moment.getTime())) return value;
  return value.length === 10 ? dayFormat.format(moment) : momentFormat.format(moment);
}

/** The French label of a code, or the code itself when it is not one of the list. */
function labelOf(list: { labels: Record<string, string> }, value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  return list.labels[value] ?? value;
}

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value));

/** Label–value rows; an empty value is shown as such (the copy is complete, blanks included). */
function rows(entries: [string, string][]): string {
  const cells = entries.map(
    ([label, value]) =>
      `<tr><th scope="row">${escape(label)}</th><td>${value ? escape(value) : '<span class="vide">non renseigné</span>'}</td></tr>`,
  );
  return `<table class="champs"><tbody>${cells.join('')}</tbody></table>`;
}

const paragraphs = (value: string) =>
  value
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');

function section(title: string, body: string): string {
  return `<section><h2>${escape(title)}</h2>${body}</section>`;
}

function identity(person: YoungPerson, file: AccessExport): string {
  const referent = person.referentId ? (file.agents[person.referentId] ?? '') : 'non attribué';
  const guardians =
    person.guardians.length === 0
      ? '<p>Aucun représentant légal enregistré.</p>'
      : `<ul>${person.guardians
          .map(
            (guardian) =>
              `<li>${escape(
                [`${guardian.name} (${labelOf(guardianRelation, guardian.relation)})`, guardian.phone, guardian.email]
                  .filter(Boolean)
                  .join(' – '),
              )}</li>`,
          )
          .join('')}</ul>`;
  return [
    section(
      'Identité et coordonnées',
      rows([
        ['Nom', person.lastName],
        ['Prénom(s)', person.firstNames],
        ['Sexe', labelOf(sex, person.sex)],
        ['Date de naissance', when(person.birthDate)],
        ['INE', person.ine],
        ['Téléphone', person.phone],
        ['Adresse électronique', person.email],
        ['Adresse', person.address],
        ['Code postal', person.postalCode],
        ['Commune', person.commune],
      ]),
    ),
    section('Représentants légaux', guardians),
    section(
      'Dernière scolarité',
      rows([
        ['Établissement', person.lastSchoolName],
        ['UAI de l’établissement', person.lastSchoolUai],
        ['Commune de l’établissement', person.lastSchoolCommune],
        ['Formation suivie', person.formationLabel],
        ['Code MEF', person.formationMef],
        ['Niveau atteint', labelOf(schoolLevel, person.level)],
        ['Date de sortie', when(person.leftSchoolOn)],
        ['Motif de sortie', person.leavingReason],
      ]),
    ),
    section(
      'Suivi par la plateforme',
      rows([
        ['Origine', labelOf(origin, person.origin)],
        ['Campagne SIEI', person.campaign],
        ['Dossier ouvert le', when(file.listedOn)],
        ['Statut', labelOf(caseStatus, person.status)],
        ['Référent·e', referent],
        ['Code de sortie', labelOf(outcomeCode, person.outcome)],
        ['Date de clôture', when(person.closedOn)],
        ['Commentaire de clôture', person.closingComment],
      ]),
    ),
  ].join('');
}

interface Entry {
  date: string;
  title: string;
  author: string;
  details: [string, string][];
}

/** Contacts, interviews, follow-up points, status changes and proposals, oldest first, with their whole text. */
function chronology(file: AccessExport): string {
  const name = (id: unknown) => (typeof id === 'string' ? (file.agents[id] ?? '') : '');
  const entries: Entry[] = [
    ...(file.contactAttempts as ContactAttempt[]).map((c) => ({
      date: c.occurredAt,
      title: `Tentative de contact – ${labelOf(contactChannel, c.channel)} : ${labelOf(contactResult, c.result).toLowerCase()}`,
      author: name(c.authorId),
      details: [
        ['Personne contactée', [labelOf(contactTarget, c.target), c.guardianName].filter(Boolean).join(' – ')],
        ['Note', c.note],
      ] as [string, string][],
    })),
    ...(file.meetings as Meeting[]).map((m) => ({
      date: m.date,
      title: labelOf(meetingKind, m.kind),
      author: name(m.authorId),
      details: [
        ['Lieu', m.place],
        ['Participants', m.participants],
        ['Notes', m.notes],
        ['Prochaines étapes', m.nextSteps],
        ['Assiduité', labelOf(attendance, m.attendance)],
      ] as [string, string][],
    })),
    ...(file.statusChanges as StatusChange[]).map((s) => ({
      date: s.occurredAt,
      title:
        s.to === 'clos'
          ? 'Dossier clos'
          : `Statut changé : ${labelOf(caseStatus, s.from)} → ${labelOf(caseStatus, s.to)}`,
      author: name(s.authorId),
      details: [['Motif', s.reason]] as [string, string][],
    })),
    ...(file.proposals as Proposal[]).map((p) => ({
      date: p.date,
      title: `Solution proposée : ${p.solutionName} (${labelOf(solutionType, p.solutionType)})`,
      author: name(p.authorId),
      details: [
        ['Décision', labelOf(proposalDecision, p.decision)],
        ['Date de la décision', when(p.decidedOn)],
        ['Motif', p.reason],
      ] as [string, string][],
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (entries.length === 0) return section('Chronologie du suivi', '<p>Aucun contact ni entretien enregistré.</p>');
  const items = entries.map(
    (entry) =>
      `<li class="entree"><p class="quand">${escape(when(entry.date))}${entry.author ? ` – ${escape(entry.author)}` : ''}</p>` +
      `<h3>${escape(entry.title)}</h3>` +
      entry.details
        .filter(([, value]) => value !== '')
        .map(
          ([label, value]) => `<div class="detail"><p class="libelle">${escape(label)}</p>${paragraphs(value)}</div>`,
        )
        .join('') +
      '</li>',
  );
  return section('Chronologie du suivi', `<ol class="chronologie">${items.join('')}</ol>`);
}

function bilans(file: AccessExport): string {
  const list = file.bilans as Bilan[];
  if (list.length === 0) return section('Bilans de positionnement', '<p>Aucun bilan.</p>');
  const one = (b: Bilan) => {
    const skills = skill.values
      .map(
        (key) =>
          `<tr><th scope="row">${escape(skill.label(key))}</th><td>${escape(labelOf(skillLevel, b.skills[key]))}</td></tr>`,
      )
      .join('');
    const constraints =
      b.constraints.length === 0
        ? '<p>Aucun frein noté.</p>'
        : `<ul>${b.constraints.map((c) => `<li>${escape([labelOf(freinTheme, c.theme), c.detail].filter(Boolean).join(' : '))}</li>`).join('')}</ul>`;
    return (
      `<article><h3>Bilan${b.number > 1 ? ` (version ${b.number})` : ''} du ${escape(when(b.date))} – ${escape(labelOf(bilanStatus, b.status).toLowerCase())}</h3>` +
      rows([
        [
          'Auteur(s)',
          b.authorIds
            .map((id) => file.agents[id] ?? '')
            .filter(Boolean)
            .join(', '),
        ],
        ['Niveau', labelOf(schoolLevel, b.level)],
        ['Motivation', b.motivation],
        ['Commentaire sur la motivation', b.motivationNote],
        ['Projet', b.project],
        ['Préconisation', b.recommendation],
        ['Validé le', when(b.validatedOn)],
        ['Validé par', b.validatedBy ? (file.agents[b.validatedBy] ?? '') : ''],
      ]) +
      `<h4>Compétences</h4><table class="champs"><tbody>${skills}</tbody></table>` +
      `<h4>Freins</h4>${constraints}</article>`
    );
  };
  return section('Bilans de positionnement', list.map(one).join(''));
}

function contracts(file: AccessExport): string {
  const list = file.contracts as Contract[];
  if (list.length === 0) return section('Contrats', '<p>Aucun contrat.</p>');
  const one = (c: Contract) =>
    `<article><h3>Contrat Formation Qualification Emploi – ${escape(labelOf(contractState, c.state).toLowerCase())}</h3>` +
    rows([
      ['Solution retenue', c.solutionLabel],
      ['Établissement d’accueil', [c.establishmentName, c.establishmentUai].filter(Boolean).join(' – ')],
      ['Jeune', c.youngPersonName],
      ['Représentant légal', c.guardianName],
      ['Plateforme', c.psadName],
      ['Tuteur·rice', c.tutorName],
      ['Objectifs', c.objectives],
      ['Engagement du jeune', c.commitments.jeune],
      ['Engagement de la famille', c.commitments.famille],
      ['Engagement de la plateforme', c.commitments.psad],
      ['Engagement du tuteur', c.commitments.tuteur],
      ['Engagement de l’établissement', c.commitments.etablissement],
      ['Date de début', when(c.startDate)],
      ['Date de fin prévue', when(c.endDate)],
      ['Points d’étape', c.checkpoints.map((point) => `${when(point.date)} ${point.label}`.trim()).join(' ; ')],
      ['Signé le', when(c.signedOn)],
      ['Fin effective', when(c.endedOn)],
      ['Motif de fin', c.endReason],
    ]) +
    '</article>';
  return section('Contrats', list.map(one).join(''));
}

/** Two people's values of one field, while a person has not chosen: they are data of the file too. */
function conflicts(file: AccessExport): string {
  const open = (file.conflicts as Conflict[]).filter((conflict) => conflict.status === 'ouvert');
  if (open.length === 0) return '';
  const items = open.map(
    (c) => `<li>${escape(`Champ « ${c.field} » : « ${text(c.keptValue)} » ou « ${text(c.otherValue)} »`)}</li>`,
  );
  return section('Saisies en attente de vérification', `<ul>${items.join('')}</ul>`);
}

function retention(file: AccessExport): string {
  const years = file.retention.years > 1 ? `${file.retention.years} ans` : `${file.retention.years} an`;
  const erased = file.retention.erasedFrom
    ? ` Ce dossier étant clos, elles seront effacées à partir du ${when(file.retention.erasedFrom)} ; ne resteront que des informations anonymes servant aux statistiques.`
    : '';
  return section(
    'Conservation des données',
    `<p>${escape(`Les données personnelles de ce dossier sont conservées pendant l’accompagnement, puis ${years} après la clôture du dossier.${erased}`)}</p>`,
  );
}

const STYLE = `
body { font-family: Marianne, Arial, sans-serif; color: #161616; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #000091; padding-bottom: 0.25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0.25rem 0; }
h4 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
p { margin: 0.25rem 0; }
.entete { color: #3a3a3a; }
table.champs { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
table.champs th { text-align: left; font-weight: normal; color: #3a3a3a; width: 40%; vertical-align: top; padding: 0.2rem 0.5rem 0.2rem 0; }
table.champs td { padding: 0.2rem 0; vertical-align: top; white-space: pre-wrap; }
.vide { color: #666; font-style: italic; }
ol.chronologie { list-style: none; padding: 0; }
.entree, article { border-left: 3px solid #cacafb; padding-left: 0.75rem; margin: 1rem 0; break-inside: avoid; }
.quand { color: #3a3a3a; font-size: 0.9rem; }
.libelle { font-weight: bold; font-size: 0.9rem; }
.pied { margin-top: 2rem; font-size: 0.9rem; color: #3a3a3a; }
@page { size: A4; margin: 1.5cm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
`;

export function renderAccessExportHtml(file: AccessExport): string {
  const person = file.youngPerson as YoungPerson;
  const fullName = `${person.firstNames} ${person.lastName.toLocaleUpperCase('fr-FR')}`.trim();
  const platform = `${file.platform.name} (${file.platform.departement}, académie de ${file.platform.academie})`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>${escape(`Dossier de ${fullName} – copie au titre du droit d’accès`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escape(`Dossier de ${fullName}`)}</h1>
<p class="entete">${escape('Copie de toutes les données personnelles du dossier, remise au titre du droit d’accès (RGPD, article 15).')}</p>
<p class="entete">${escape(`Plateforme de suivi et d’appui aux décrocheurs : ${platform}.`)}</p>
<p class="entete">${escape(`Document établi le ${when(file.exportedAt)} par ${file.exportedBy || 'la plateforme'}.`)}</p>
</header>
<main>
${identity(person, file)}
${chronology(file)}
${bilans(file)}
${contracts(file)}
${conflicts(file)}
${retention(file)}
</main>
<footer class="pied"><p>${escape('Ce document contient des données personnelles : il est remis à la personne concernée ou à ses représentants légaux, et à personne d’autre.')}</p></footer>
</body>
</html>
`;
}
