import { describe, expect, it } from 'vitest';
import {
  ageOn,
  campaign,
  email,
  ine,
  isoDate,
  isRealIsoDate,
  phone,
  postalCode,
  requiredText,
  text,
  uai,
} from '../../src/domain/formats';

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);
}

describe('INE', () => {
  it.each(['1234567890A', '123456789AB', ''])('accepts %j', (value) => {
    expect(ine.safeParse(value).success).toBe(true);
  });

  it('upper-cases and trims what was typed', () => {
    expect(ine.parse(' 1234567890a ')).toBe('1234567890A');
    expect(ine.parse('123456789ab')).toBe('123456789AB');
  });

  it.each(['12345678901', '123456789A1', '1234567890AB', '12345678AB', 'ABCDEFGHIJK', '1234567890É'])(
    'rejects %j with a French message',
    (value) => {
      expect(messagesOf(ine.safeParse(value))).toEqual([
        'INE invalide : 10 chiffres et une lettre, ou 9 chiffres et deux lettres',
      ]);
    },
  );
});

describe('UAI', () => {
  it('accepts 7 digits and a letter, upper-cased', () => {
    expect(uai.parse('0691234a')).toBe('0691234A');
    expect(uai.parse('')).toBe('');
  });

  it.each(['069123A', '06912345', '0691234AB'])('rejects %j', (value) => {
    expect(messagesOf(uai.safeParse(value))).toEqual(['UAI invalide : 7 chiffres et une lettre']);
  });
});

describe('postal code', () => {
  it.each(['69001', '2A004', '2b200', ''])('accepts %j', (value) => {
    expect(postalCode.safeParse(value).success).toBe(true);
  });

  it.each(['6900', '690011', '2C004', 'ABCDE'])('rejects %j', (value) => {
    expect(messagesOf(postalCode.safeParse(value))).toEqual(['Code postal invalide : 5 chiffres']);
  });
});

describe('phone', () => {
  it.each(['06 12 34 56 78', '06.12.34.56.78', '0612345678', '+33 6 12 34 56 78', '(04) 78-12-34-56', ''])(
    'accepts %j',
    (value) => {
      expect(phone.safeParse(value).success).toBe(true);
    },
  );

  it.each(['12345', '6 12 34 56 78', '+33', '06 12 34 56 7a'])('rejects %j', (value) => {
    expect(messagesOf(phone.safeParse(value))).toEqual(['Numéro de téléphone invalide (ex. 06 12 34 56 78)']);
  });
});

describe('e-mail and campaign', () => {
  it('accepts a real address or nothing, and rejects the rest in French', () => {
    expect(email.safeParse('lea.martin@example.org').success).toBe(true);
    expect(email.safeParse('').success).toBe(true);
    expect(messagesOf(email.safeParse('lea.martin@'))).toEqual(['Adresse électronique invalide']);
  });

  it('accepts a campaign month AAAA-MM only', () => {
    expect(campaign.safeParse('2026-09').success).toBe(true);
    expect(messagesOf(campaign.safeParse('2026-13'))).toEqual(['Campagne invalide (format attendu : AAAA-MM)']);
    expect(messagesOf(campaign.safeParse('09/2026'))).toEqual(['Campagne invalide (format attendu : AAAA-MM)']);
  });
});

describe('dates', () => {
  it.each(['2024-02-29', '2026-12-31', '2000-01-01'])('accepts the real date %s', (value) => {
    expect(isRealIsoDate(value)).toBe(true);
    expect(isoDate.safeParse(value).success).toBe(true);
  });

  it.each(['2024-02-30', '2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '05/01/2026', ''])(
    'rejects %j with one French message',
    (value) => {
      expect(isRealIsoDate(value)).toBe(false);
      expect(messagesOf(isoDate.safeParse(value))).toEqual(['Date invalide (format attendu : JJ/MM/AAAA)']);
    },
  );

  it('counts whole years, birthday included', () => {
    expect(ageOn('2008-10-05', '2026-10-04')).toBe(17);
    expect(ageOn('2008-10-05', '2026-10-05')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('texts', () => {
  it('trims, bounds the length and names the missing field', () => {
    const name = requiredText(5, 'Le nom');
    expect(name.parse('  Léa  ')).toBe('Léa');
    expect(messagesOf(name.safeParse('   '))).toEqual(['Le nom est obligatoire']);
    expect(messagesOf(text(5).safeParse('abcdef'))).toEqual(['5 caractères au maximum']);
  });
});
