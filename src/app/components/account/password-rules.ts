import { PASSWORD_MIN_LENGTH, passwordPolicyProblems } from '../../../domain/password-policy';

/** A rule of the password policy as the form lists it, and whether the password typed so far keeps it. */
export interface PasswordRuleState {
  text: string;
  /** null while nothing is typed. */
  met: boolean | null;
}

/**
 * The policy's rules in the words of a checklist, each with the test that
 * recognises its problem among passwordPolicyProblems' sentences.
 */
const RULES: { text: string; isBrokenBy: (problem: string) => boolean }[] = [
  {
    text: `Au moins ${PASSWORD_MIN_LENGTH} caractères`,
    isBrokenBy: (problem) => problem.includes(`au moins ${PASSWORD_MIN_LENGTH} caractères`),
  },
  {
    text: 'Pas uniquement des lettres, ni uniquement des chiffres',
    isBrokenBy: (problem) => problem.includes('que des'),
  },
  {
    text: 'Ne reprend pas l’adresse électronique du compte',
    isBrokenBy: (problem) => problem.includes('adresse électronique'),
  },
  {
    text: 'Ni suite (« abcd », « 1234 »), ni répétition, ni mot courant (« motdepasse », « azerty »)',
    isBrokenBy: (problem) => problem.includes('trop simple'),
  },
];

/**
 * The checklist for a password being typed: each rule met or not, and any
 * problem of the policy no rule of the list names (shown as is, so a rule
 * added to the policy is never hidden).
 */
export function passwordRuleStates(
  password: string,
  email: string,
): { rules: PasswordRuleState[]; otherProblems: string[] } {
  const problems = passwordPolicyProblems(password, email);
  const rules = RULES.map((rule) => ({
    text: rule.text,
    met: password === '' ? null : !problems.some(rule.isBrokenBy),
  }));
  const otherProblems = problems.filter((problem) => !RULES.some((rule) => rule.isBrokenBy(problem)));
  return { rules, otherProblems };
}
