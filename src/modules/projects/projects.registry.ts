/**
 * What a co-production project is made of, as data. Every list here comes from the source documents:
 * the levels of involvement and the me/we/community domains (BowHaven's "How We Work"), Mind's things to consider
 * in co-production, and the Co-production Circle of Support tool. Pages show the i18n keys; code never hard-codes
 * the words.
 */

// The cycle ---------------------------------------------------------------------------------------------------

export const STAGES = ['inform', 'consult', 'involve', 'act'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageInfo {
  readonly key: Stage;
  /** The stage's name. */
  readonly name: string;
  /** What this stage means for the people involved. */
  readonly meaning: string;
  /** What the co-producers do at this stage. */
  readonly doing: string;
}

export const STAGE_INFO: Readonly<Record<Stage, StageInfo>> = Object.fromEntries(
  STAGES.map((key) => [key, { key, name: `projects.stages.${key}.name`, meaning: `projects.stages.${key}.meaning`, doing: `projects.stages.${key}.doing` }]),
) as Record<Stage, StageInfo>;

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export type StageMoveKind = 'forward' | 'back' | 'new_cycle';
export type StageMoveError = 'same_stage' | 'skips_a_stage';

/**
 * Which moves the cycle allows. Each step builds on the ones before it (to consult you must first inform; to involve
 * you must have consulted), so a project moves forward one stage at a time. After action the cycle goes back to
 * inform: people hear what happened ("you said, we did") and a new cycle starts. Going back to an earlier stage of
 * the same cycle is allowed: co-production needs that flexibility.
 */
export function checkStageMove(from: Stage, to: Stage): { ok: true; kind: StageMoveKind } | { ok: false; error: StageMoveError } {
  if (from === to) return { ok: false, error: 'same_stage' };
  const a = STAGES.indexOf(from);
  const b = STAGES.indexOf(to);
  if (from === 'act' && to === 'inform') return { ok: true, kind: 'new_cycle' };
  if (b === a + 1) return { ok: true, kind: 'forward' };
  if (b < a) return { ok: true, kind: 'back' };
  return { ok: false, error: 'skips_a_stage' };
}

/** The stage that comes next in the cycle. */
export function nextStage(stage: Stage): Stage {
  return stage === 'act' ? 'inform' : (STAGES[STAGES.indexOf(stage) + 1] ?? 'inform');
}

/** Every stage a project at `from` may move to, next first. */
export function allowedMoves(from: Stage): Stage[] {
  const next = nextStage(from);
  return [next, ...STAGES.filter((s) => s !== next && checkStageMove(from, s).ok)];
}

// The Circle of Support ---------------------------------------------------------------------------------------

/** From the centre outwards, as on the tool's sheet: circle one is the co-producers. */
export const CIRCLES = ['co_producers', 'participants', 'involved', 'consulted'] as const;
export type Circle = (typeof CIRCLES)[number];

export function isCircle(value: unknown): value is Circle {
  return typeof value === 'string' && (CIRCLES as readonly string[]).includes(value);
}

export interface CircleInfo {
  readonly key: Circle;
  /** 1 is the centre. */
  readonly number: number;
  readonly name: string;
  /** The tool's meaning, in our words. */
  readonly meaning: string;
  /** The level of involvement a person placed here usually starts at. */
  readonly defaultLevel: Level;
  /** Fill of the ring and of a person's mark in the drawing (marks keep 4.5:1 contrast with white initials). */
  readonly ringFill: string;
  readonly markFill: string;
}

export const CIRCLE_INFO: Readonly<Record<Circle, CircleInfo>> = {
  co_producers: { key: 'co_producers', number: 1, name: 'projects.circles.co_producers.name', meaning: 'projects.circles.co_producers.meaning', defaultLevel: 'involve', ringFill: '#d5e8e2', markFill: '#1d4038' },
  participants: { key: 'participants', number: 2, name: 'projects.circles.participants.name', meaning: 'projects.circles.participants.meaning', defaultLevel: 'consult', ringFill: '#e3efeb', markFill: '#2b5d52' },
  involved: { key: 'involved', number: 3, name: 'projects.circles.involved.name', meaning: 'projects.circles.involved.meaning', defaultLevel: 'inform', ringFill: '#eef5f3', markFill: '#3d4f6b' },
  consulted: { key: 'consulted', number: 4, name: 'projects.circles.consulted.name', meaning: 'projects.circles.consulted.meaning', defaultLevel: 'consult', ringFill: '#f7faf9', markFill: '#5a3d6b' },
};

// Levels of involvement and domains ---------------------------------------------------------------------------

/** Seen as levels, the three steps are options that suit people at different times. */
export const LEVELS = ['inform', 'consult', 'involve'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Where a person is engaging now. We always start with "me"; benefit then flows to "we" and "community". */
export const DOMAINS = ['me', 'we', 'community'] as const;
export type Domain = (typeof DOMAINS)[number];

export function isDomain(value: unknown): value is Domain {
  return typeof value === 'string' && (DOMAINS as readonly string[]).includes(value);
}

export const FIRST_DOMAIN: Domain = 'me';

export interface Offer {
  /** Design and delivery tasks are offered. */
  readonly tasks: boolean;
  /** The plain note to show instead, when tasks are not offered. */
  readonly note: string | null;
  /** The next step, shown only when the person asks for it. */
  readonly nextStep: { readonly level: Level; readonly domain: Domain } | null;
}

/**
 * What the project page offers someone. Asking a person to help design a service when they need basic support is
 * not useful, so at "me" or at "inform" nobody is asked to take on tasks: the page says so plainly, and the next
 * step is there only for someone who wants it.
 */
export function offerFor(level: Level, domain: Domain): Offer {
  const nextLevel = LEVELS[LEVELS.indexOf(level) + 1];
  const nextDomain = DOMAINS[DOMAINS.indexOf(domain) + 1];
  // From "me" the next step is towards others ("we"): the direction of benefit. Otherwise one level up, then outwards.
  const nextStep =
    domain === 'me' ? { level, domain: 'we' as const }
      : nextLevel !== undefined ? { level: nextLevel, domain }
        : nextDomain !== undefined ? { level, domain: nextDomain }
          : null;
  if (domain === 'me') return { tasks: false, note: 'projects.offer.note_me', nextStep };
  if (level === 'inform') return { tasks: false, note: 'projects.offer.note_inform', nextStep };
  if (level === 'consult') return { tasks: false, note: 'projects.offer.note_consult', nextStep };
  return { tasks: true, note: null, nextStep };
}

// Project kind and the agreement ------------------------------------------------------------------------------

export const PROJECT_KINDS = ['co_production', 'co_design'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const EQUAL_DELIVERY_ANSWERS = ['yes', 'no', 'not_sure'] as const;
export type EqualDeliveryAnswer = (typeof EQUAL_DELIVERY_ANSWERS)[number];

/** Mind's four things to consider, asked of every project before it calls itself co-production. */
export const AGREEMENT_QUESTIONS = [
  { key: 'power', field: 'power', question: 'projects.agreement.questions.power.question', hint: 'projects.agreement.questions.power.hint' },
  { key: 'responsibilities', field: 'responsibilities', question: 'projects.agreement.questions.responsibilities.question', hint: 'projects.agreement.questions.responsibilities.hint' },
  { key: 'support', field: 'support', question: 'projects.agreement.questions.support.question', hint: 'projects.agreement.questions.support.hint' },
  { key: 'equal_delivery', field: 'equalDelivery', question: 'projects.agreement.questions.equal_delivery.question', hint: 'projects.agreement.questions.equal_delivery.hint' },
] as const;

/**
 * Mind's test: if a project cannot commit to people with lived experience playing an equal role in delivery, it is
 * co-design. The label is never chosen by hand; it follows from the agreement, and the reason is shown.
 */
export function projectKind(equalDelivery: EqualDeliveryAnswer | null): { kind: ProjectKind; reason: string } {
  if (equalDelivery === 'yes') return { kind: 'co_production', reason: 'projects.kind.reason_yes' };
  if (equalDelivery === 'no') return { kind: 'co_design', reason: 'projects.kind.reason_no' };
  if (equalDelivery === 'not_sure') return { kind: 'co_design', reason: 'projects.kind.reason_not_sure' };
  return { kind: 'co_design', reason: 'projects.kind.reason_unanswered' };
}

// Keeping in touch --------------------------------------------------------------------------------------------

export const VISIBILITIES = ['open', 'invite_only'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const TELL_BY = ['app', 'app_and_email'] as const;
export type TellBy = (typeof TELL_BY)[number];

export const FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'each_stage', 'when_they_ask'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export function isFrequency(value: unknown): value is Frequency {
  return typeof value === 'string' && (FREQUENCIES as readonly string[]).includes(value);
}

const CIRCLE_FREQUENCY: Readonly<Record<Circle, Frequency>> = {
  co_producers: 'weekly',
  participants: 'fortnightly',
  involved: 'monthly',
  consulted: 'each_stage',
};

/**
 * Ways of taking part (from a person's profile) that shape how we keep in touch. Anything else is ignored, so the
 * profile's list can grow without breaking this.
 */
type Way = 'in_person' | 'online' | 'phone' | 'writing' | 'small_group' | 'one_to_one' | 'with_a_supporter';
const WAY_SYNONYMS: Readonly<Record<string, Way>> = {
  in_person: 'in_person', face_to_face: 'in_person', meetings: 'in_person',
  online: 'online', video: 'online', video_call: 'online',
  phone: 'phone', phone_call: 'phone', telephone: 'phone',
  writing: 'writing', in_writing: 'writing', email: 'writing', written: 'writing', letter: 'writing', post: 'writing', text_message: 'writing',
  small_group: 'small_group', small_groups: 'small_group', groups: 'small_group', group: 'small_group',
  one_to_one: 'one_to_one', one_to_one_conversation: 'one_to_one', conversation: 'one_to_one',
  with_a_supporter: 'with_a_supporter', supporter: 'with_a_supporter', with_supporter: 'with_a_supporter',
};

export interface EngagementSuggestion {
  /** An i18n key for how we keep in touch, with `ways` to fill in. */
  readonly how: string;
  readonly ways: readonly string[];
  readonly howOften: Frequency;
}

/**
 * A suggested engagement plan matched to the person's circle and the ways they prefer to take part. The circle says
 * how much contact suits (co-producers every week; those consulted at each consult stage); their preferred ways say
 * how.
 */
export function suggestEngagement(circle: Circle, participationWays: readonly string[]): EngagementSuggestion {
  const ways = [...new Set(participationWays.map((w) => WAY_SYNONYMS[w.trim().toLowerCase().replace(/[\s-]+/g, '_')]).filter((w): w is Way => w !== undefined))];
  return {
    how: ways.length === 0 ? `projects.engagement.suggest.${circle}` : `projects.engagement.suggest.${circle}_with_ways`,
    ways: ways.map((w) => `projects.engagement.ways.${w}`),
    howOften: CIRCLE_FREQUENCY[circle],
  };
}

// Success, defined by the people involved ---------------------------------------------------------------------

/** How well a criterion was met: 1 "not at all" to 5 "completely"; null is "don't know". */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;
export type RatingScore = (typeof RATING_SCORES)[number];
export const DONT_KNOW = 'dont_know';

// Names, not job titles ---------------------------------------------------------------------------------------

/**
 * Words that name a role or a group rather than a person. The tool asks us to name each person, never job titles or
 * generic groups. English and Italian, lower case.
 */
const GROUP_WORDS = new Set([
  'staff', 'team', 'teams', 'managers', 'commissioners', 'everyone', 'everybody', 'board', 'committee', 'trustees',
  'volunteers', 'members', 'residents', 'families', 'carers', 'people', 'public', 'group', 'groups', 'partners',
  'nurses', 'doctors', 'workers', 'colleagues', 'department', 'council', 'others', 'users', 'clients', 'patients',
  'tutti', 'squadra', 'équipe', 'equipe', 'personale', 'operatori', 'responsabili', 'dirigenti', 'consiglio',
  'volontari', 'famiglie', 'gruppo', 'comitato', 'soci', 'utenti', 'pazienti', 'cittadini', 'altri',
]);
const ROLE_WORDS = new Set([
  ...GROUP_WORDS,
  'the', 'a', 'an', 'our', 'all', 'of', 'from', 'local', 'ward', 'service', 'services', 'senior', 'lead', 'head',
  'manager', 'commissioner', 'nurse', 'doctor', 'gp', 'psychiatrist', 'psychologist', 'therapist', 'worker', 'social',
  'support', 'peer', 'care', 'coordinator', 'co-ordinator', 'officer', 'director', 'chair', 'trustee', 'volunteer',
  'leader', 'admin', 'administrator', 'receptionist', 'tbc', 'unknown', 'someone', 'anyone', 'member', 'rep',
  'representative', 'funder', 'funders', 'mp', 'councillor', 'mental', 'health', 'crisis', 'team-leader',
  'il', 'la', 'lo', 'i', 'gli', 'le', 'di', 'del', 'della', 'dei', 'delle', 'infermiere', 'infermiera', 'medico',
  'psicologo', 'psicologa', 'educatore', 'educatrice', 'coordinatore', 'coordinatrice', 'direttore', 'direttrice',
  'assistente', 'sociale', 'operatore', 'operatrice', 'volontario', 'volontaria', 'responsabile', 'presidente',
]);

/**
 * True when a name looks like a job title or a group ("Staff", "The board", "Commissioners", "Team leader")
 * rather than a person ("Dr Amina Patel", "Nurse Jackie"). A name that is nothing but role words, or that contains
 * a word for a group of people, is refused.
 */
export function looksLikeRoleOrGroup(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w !== '');
  if (words.length === 0) return true;
  if (words.some((w) => GROUP_WORDS.has(w))) return true;
  return words.every((w) => ROLE_WORDS.has(w));
}
