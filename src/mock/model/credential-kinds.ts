/**
 * What the mock knows about a credential from its ID and type: whether a standard credential ID is well formed,
 * whether it is a VIP Access app (push-capable) or a hardware token, and the token facts getUserInfo reports.
 */
import type { CredentialBindingDetail, KeyValuePair } from '../../generated/types.js';
import { CredentialTypes } from './state.js';

// VIP credential IDs are four letters naming the token family followed by eight digits, e.g. VSMT12345678.
const STANDARD_ID = /^[A-Z]{4}[0-9]{8}$/;
// VIP Access apps on phones (VSMT) and desktops/other apps (SYMC) can receive pushes; other families are hardware.
const APP_PREFIXES = ['VSMT', 'SYMC'];
// How long a token stays valid after binding, for the ExpirationDate the mock reports.
const TOKEN_LIFETIME_MS = 3 * 365 * 24 * 3600_000;

/** True when `credentialId` looks like a real standard credential ID (four capital letters, eight digits). */
export function isStandardCredentialId(credentialId: string): boolean {
  return STANDARD_ID.test(credentialId);
}

/** True for VIP Access app credentials, the only ones that accept pushes. */
export function isPushCapable(credentialType: string, credentialId: string): boolean {
  return (
    credentialType === CredentialTypes.standard &&
    isStandardCredentialId(credentialId) &&
    APP_PREFIXES.some((p) => credentialId.startsWith(p))
  );
}

/** The push attributes VIP reports for a credential (none for credentials without push). */
export function pushAttributesOf(credentialType: string, credentialId: string): KeyValuePair[] | undefined {
  if (!isPushCapable(credentialType, credentialId)) return undefined;
  return [
    { Key: 'PUSH_ENABLED', Value: 'true' },
    { Key: 'PUSH_PLATFORM', Value: credentialId.startsWith('VSMT') ? 'ANDROID' : 'IPHONE' },
    { Key: 'CLIENT_VERSION', Value: '4.2.5' },
  ];
}

const TOKEN_ID_TYPES: Readonly<Record<string, 'SMS' | 'Voice' | 'Service'>> = {
  [CredentialTypes.sms]: 'SMS',
  [CredentialTypes.voice]: 'Voice',
  [CredentialTypes.service]: 'Service',
};

const ADAPTERS: Readonly<Record<string, NonNullable<CredentialBindingDetail['tokenInfo']>['Adapter']>> = {
  [CredentialTypes.sms]: 'SMS_OTP',
  [CredentialTypes.voice]: 'VOICE_OTP',
  [CredentialTypes.service]: 'SERVER_OTP',
};

/** The token category and token information getUserInfo returns with `includeTokenInfo`. */
export function tokenDetailsOf(
  credentialType: string,
  credentialId: string,
  boundAt: Date,
): Pick<CredentialBindingDetail, 'tokenCategoryDetails' | 'tokenInfo'> {
  const app = isPushCapable(credentialType, credentialId);
  const standard = credentialType === CredentialTypes.standard;
  const tokenIdType = TOKEN_ID_TYPES[credentialType];
  return {
    tokenCategoryDetails: standard
      ? {
          CategoryId: app ? 70 : 1,
          FormFactor: app ? 'MOBILE' : 'HARDWARE',
          MovingFactor: 'TIME',
          OtpGeneratedBy: app ? 'SOFTWARE' : 'HARDWARE',
        }
      : { CategoryId: 80, FormFactor: 'SERVER', MovingFactor: 'NONE', OtpGeneratedBy: 'SERVER' },
    tokenInfo: {
      TokenId: tokenIdType === undefined ? { value: credentialId } : { value: credentialId, type: tokenIdType },
      TokenKind: standard ? (app ? 'SOFTWARE' : 'HARDWARE') : 'SERVER',
      Adapter: ADAPTERS[credentialType] ?? 'OATH_TIME',
      TokenStatus: 'ENABLED',
      ExpirationDate: new Date(boundAt.getTime() + TOKEN_LIFETIME_MS),
      LastUpdate: boundAt,
      Owner: true,
    },
  };
}
