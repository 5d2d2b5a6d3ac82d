/** A PIN opening the device's data: 6 to 12 digits, not a single repeated digit nor a run like 123456. */
export const PIN_LENGTH = { min: 6, max: 12 } as const;

export function pinProblem(pin: string): string | null {
  if (!/^\d+$/.test(pin)) return 'Le code ne contient que des chiffres';
  if (pin.length < PIN_LENGTH.min || pin.length > PIN_LENGTH.max) {
    return `Le code compte de ${PIN_LENGTH.min} à ${PIN_LENGTH.max} chiffres`;
  }
  if (/^(\d)\1+$/.test(pin)) return 'Le code ne peut pas répéter un seul chiffre';
  const digits = [...pin].map(Number);
  const step = (digits[1] ?? 0) - (digits[0] ?? 0);
  if (Math.abs(step) === 1 && digits.every((digit, i) => i === 0 || digit - (digits[i - 1] ?? 0) === step)) {
    return 'Le code ne peut pas être une suite de chiffres';
  }
  return null;
}
