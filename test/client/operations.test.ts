/**
 * Every operation end to end through a fake transport: the exact request envelope (element order, `vip:` prefix,
 * namespace, escaping), the service it goes to, the typed output read from a VIP-style response, and the error
 * class a failure status turns into.
 */
import { describe, expect, it } from 'vitest';
import {
  AccountNotAuthorizedError,
  AuthenticationFailedError,
  CredentialAlreadyRegisteredError,
  CredentialTypeNotSupportedError,
  IaPolicyNotEnabledError,
  IaServiceUnavailableError,
  InvalidAccountError,
  InvalidCredentialIdError,
  InvalidExpirationDateError,
  InvalidFriendlyNameError,
  InvalidUserPinError,
  NoEnabledCredentialError,
  NoPushCredentialsError,
  RiskEventNotFoundError,
  SchemaValidationError,
  SmsDeliveryError,
  TemporaryPasswordNotSetError,
  TrustedDeviceNotEnabledError,
  UserAlreadyExistsError,
  UserNotFoundError,
  UserPinNotEnabledError,
  UserStatusNotAllowedError,
  VipServiceError,
  VoiceDeliveryError,
  type OperationName,
  type ServiceName,
  type VipCallOptions,
  type VipClient,
} from 'vip-user-services';
import { requestEnvelope, vipResponse, type ResponseStatus } from '../helpers/soap-fixtures.js';
import { fakeClient } from './fake-transport.js';

interface OperationCase {
  title: string;
  operation: OperationName;
  service: ServiceName;
  requestId: string;
  onBehalfOfAccountId?: string;
  call: (vip: VipClient, options: VipCallOptions) => Promise<unknown>;
  /** The request element exactly as it must appear in the SOAP Body (one element per line for readability). */
  request: string;
  /** Response fields after the base fields, and the status when it is not `0000`/`Success`. */
  response: { fields: string; status?: ResponseStatus };
  output: Record<string, unknown>;
  failure: { status: ResponseStatus; error: abstract new (...args: never[]) => VipServiceError };
}

const CHILD = 'ChildAcct01';

/** The output base fields of a `0000` answer to `requestId`, followed by `fields`. */
function success(requestId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { requestId, status: '0000', statusMessage: 'Success', ...fields };
}

const CASES: OperationCase[] = [
  {
    title: 'authenticateUser',
    operation: 'authenticateUser',
    service: 'Authentication',
    requestId: 'AUTH_0001',
    onBehalfOfAccountId: CHILD,
    // Keys deliberately out of wire order: the envelope must follow the schema's sequence, not the object.
    call: (vip, options) =>
      vip.authenticateUser(
        {
          authContext: {
            params: [
              { Key: 'authLevel.level', Value: '2' },
              { Key: 'app', Value: 'R&D <portal> "beta"' },
            ],
          },
          otpAuthData: { otp2: '654321', otp: '123456' },
          pin: 'S3cr3t!PIN',
          userId: "alice.o'hara@example.com",
        },
        options,
      ),
    request: `
      <vip:AuthenticateUserRequest>
        <vip:requestId>AUTH_0001</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:userId>alice.o'hara@example.com</vip:userId>
        <vip:pin>S3cr3t!PIN</vip:pin>
        <vip:otpAuthData>
          <vip:otp>123456</vip:otp>
          <vip:otp2>654321</vip:otp2>
        </vip:otpAuthData>
        <vip:authContext>
          <vip:params><vip:Key>authLevel.level</vip:Key><vip:Value>2</vip:Value></vip:params>
          <vip:params><vip:Key>app</vip:Key><vip:Value>R&amp;D &lt;portal&gt; "beta"</vip:Value></vip:params>
        </vip:authContext>
      </vip:AuthenticateUserRequest>`,
    response: {
      fields: `
        <credentialId>VSST26824187</credentialId>
        <credentialType>STANDARD_OTP</credentialType>
        <authnId>6D3F0A11C2B94E7A</authnId>
        <isPinExpired>false</isPinExpired>
        <pinExpirationTime>2027-03-01T00:00:00.000Z</pinExpirationTime>
        <authContext><params><Key>authLevel.level</Key><Value>2</Value></params></authContext>`,
    },
    output: success('AUTH_0001', {
      credentialId: 'VSST26824187',
      credentialType: 'STANDARD_OTP',
      authnId: '6D3F0A11C2B94E7A',
      isPinExpired: false,
      pinExpirationTime: new Date('2027-03-01T00:00:00.000Z'),
      authContext: { params: [{ Key: 'authLevel.level', Value: '2' }] },
    }),
    failure: {
      status: { status: '6009', statusMessage: 'Authentication failed.', detail: '49B5', detailMessage: 'Failed with an invalid OTP' },
      error: AuthenticationFailedError,
    },
  },
  {
    title: 'authenticateUserWithPush (6040 is success)',
    operation: 'authenticateUserWithPush',
    service: 'Authentication',
    requestId: 'PUSH_0001',
    call: (vip, options) =>
      vip.authenticateUserWithPush(
        {
          userId: 'bob@example.com',
          pin: '2468',
          pushAuthData: {
            displayParameters: [
              { Key: 'display.message.title', Value: 'Sign-in request' },
              { Key: 'display.message.text', Value: 'Approve sign-in to Payroll?' },
              { Key: 'display.message.profile', Value: 'https://payroll.example.com/login?a=1&b=2' },
            ],
            requestParameters: [
              { Key: 'request.timeout', Value: '120' },
              { Key: 'includeDeviceInfo', Value: 'true' },
            ],
          },
          authContext: { params: [{ Key: 'authLevel.level', Value: '3' }] },
        },
        options,
      ),
    request: `
      <vip:AuthenticateUserWithPushRequest>
        <vip:requestId>PUSH_0001</vip:requestId>
        <vip:userId>bob@example.com</vip:userId>
        <vip:pin>2468</vip:pin>
        <vip:pushAuthData>
          <vip:displayParameters><vip:Key>display.message.title</vip:Key><vip:Value>Sign-in request</vip:Value></vip:displayParameters>
          <vip:displayParameters><vip:Key>display.message.text</vip:Key><vip:Value>Approve sign-in to Payroll?</vip:Value></vip:displayParameters>
          <vip:displayParameters><vip:Key>display.message.profile</vip:Key><vip:Value>https://payroll.example.com/login?a=1&amp;b=2</vip:Value></vip:displayParameters>
          <vip:requestParameters><vip:Key>request.timeout</vip:Key><vip:Value>120</vip:Value></vip:requestParameters>
          <vip:requestParameters><vip:Key>includeDeviceInfo</vip:Key><vip:Value>true</vip:Value></vip:requestParameters>
        </vip:pushAuthData>
        <vip:authContext>
          <vip:params><vip:Key>authLevel.level</vip:Key><vip:Value>3</vip:Value></vip:params>
        </vip:authContext>
      </vip:AuthenticateUserWithPushRequest>`,
    response: {
      status: { status: '6040', statusMessage: 'Mobile push request sent' },
      fields: `
        <transactionId>2ae68a940ec4236b</transactionId>
        <pushDetail><pushCredentialId>VSMB11112222</pushCredentialId><pushSent>true</pushSent></pushDetail>
        <pushDetail><pushCredentialId>VSMB33334444</pushCredentialId><pushSent>false</pushSent></pushDetail>`,
    },
    output: {
      requestId: 'PUSH_0001',
      status: '6040',
      statusMessage: 'Mobile push request sent',
      transactionId: '2ae68a940ec4236b',
      pushDetail: [
        { pushCredentialId: 'VSMB11112222', pushSent: true },
        { pushCredentialId: 'VSMB33334444', pushSent: false },
      ],
    },
    failure: {
      status: { status: '6008', statusMessage: 'User does not have any enabled credential for the given credential type.' },
      error: NoEnabledCredentialError,
    },
  },
  {
    title: 'authenticateCredentials with a security code',
    operation: 'authenticateCredentials',
    service: 'Authentication',
    requestId: 'CRED_0001',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) =>
      vip.authenticateCredentials(
        {
          credentials: [
            { credentialId: 'VSST26824187', credentialType: 'STANDARD_OTP' },
            { credentialId: 'SMS15555550100', credentialType: 'SMS_OTP' },
          ],
          activate: true,
          otpAuthData: { otp: '730215' },
          authContext: { params: [{ Key: 'authLevel.level', Value: '1' }] },
        },
        options,
      ),
    request: `
      <vip:AuthenticateCredentialsRequest>
        <vip:requestId>CRED_0001</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:credentials><vip:credentialId>VSST26824187</vip:credentialId><vip:credentialType>STANDARD_OTP</vip:credentialType></vip:credentials>
        <vip:credentials><vip:credentialId>SMS15555550100</vip:credentialId><vip:credentialType>SMS_OTP</vip:credentialType></vip:credentials>
        <vip:activate>true</vip:activate>
        <vip:otpAuthData><vip:otp>730215</vip:otp></vip:otpAuthData>
        <vip:authContext><vip:params><vip:Key>authLevel.level</vip:Key><vip:Value>1</vip:Value></vip:params></vip:authContext>
      </vip:AuthenticateCredentialsRequest>`,
    response: {
      fields: `
        <credentialId>VSST26824187</credentialId>
        <credentialType>STANDARD_OTP</credentialType>`,
    },
    output: success('CRED_0001', { credentialId: 'VSST26824187', credentialType: 'STANDARD_OTP' }),
    failure: { status: { status: '6004', statusMessage: 'Credential ID is not valid.' }, error: InvalidCredentialIdError },
  },
  {
    title: 'authenticateCredentials with a push (6040 is success)',
    operation: 'authenticateCredentials',
    service: 'Authentication',
    requestId: 'CRED_0002',
    call: (vip, options) =>
      vip.authenticateCredentials(
        {
          credentials: [{ credentialId: 'VSMB11112222', credentialType: 'STANDARD_OTP' }],
          pushAuthData: { displayParameters: [{ Key: 'display.message.text', Value: 'Confirm the transfer of €1,200' }] },
        },
        options,
      ),
    request: `
      <vip:AuthenticateCredentialsRequest>
        <vip:requestId>CRED_0002</vip:requestId>
        <vip:credentials><vip:credentialId>VSMB11112222</vip:credentialId><vip:credentialType>STANDARD_OTP</vip:credentialType></vip:credentials>
        <vip:pushAuthData>
          <vip:displayParameters><vip:Key>display.message.text</vip:Key><vip:Value>Confirm the transfer of €1,200</vip:Value></vip:displayParameters>
        </vip:pushAuthData>
      </vip:AuthenticateCredentialsRequest>`,
    response: {
      status: { status: '6040', statusMessage: 'Mobile push request sent' },
      fields: `
        <transactionId>c0ffee0123456789</transactionId>
        <pushDetail><pushCredentialId>VSMB11112222</pushCredentialId><pushSent>true</pushSent></pushDetail>`,
    },
    output: {
      requestId: 'CRED_0002',
      status: '6040',
      statusMessage: 'Mobile push request sent',
      transactionId: 'c0ffee0123456789',
      pushDetail: [{ pushCredentialId: 'VSMB11112222', pushSent: true }],
    },
    failure: {
      status: { status: '6041', statusMessage: 'Unable to find mobile push enabled credentials.' },
      error: NoPushCredentialsError,
    },
  },
  {
    title: 'checkOtp',
    operation: 'checkOtp',
    service: 'Authentication',
    requestId: 'CHECK_0001',
    call: (vip, options) =>
      vip.checkOtp(
        { userId: 'carol', otpAuthData: { otp: 'A1B2C3D4' }, authContext: { params: [{ Key: 'authLevel.level', Value: '2' }] } },
        options,
      ),
    request: `
      <vip:CheckOtpRequest>
        <vip:requestId>CHECK_0001</vip:requestId>
        <vip:userId>carol</vip:userId>
        <vip:otpAuthData><vip:otp>A1B2C3D4</vip:otp></vip:otpAuthData>
        <vip:authContext><vip:params><vip:Key>authLevel.level</vip:Key><vip:Value>2</vip:Value></vip:params></vip:authContext>
      </vip:CheckOtpRequest>`,
    response: {
      fields: `
        <credentialId>VSMT99887766</credentialId>
        <credentialType>STANDARD_OTP</credentialType>
        <authnId>AB12CD34EF56</authnId>
        <authContext><params><Key>authLevel.level</Key><Value>2</Value></params></authContext>`,
    },
    output: success('CHECK_0001', {
      credentialId: 'VSMT99887766',
      credentialType: 'STANDARD_OTP',
      authnId: 'AB12CD34EF56',
      authContext: { params: [{ Key: 'authLevel.level', Value: '2' }] },
    }),
    failure: { status: { status: '6009', statusMessage: 'Authentication failed.' }, error: AuthenticationFailedError },
  },
  {
    title: 'evaluateRisk, not risky (0000 gives Risky: false)',
    operation: 'evaluateRisk',
    service: 'Authentication',
    requestId: 'RISK_0001',
    call: (vip, options) =>
      vip.evaluateRisk(
        {
          UserId: 'dave@example.com',
          Ip: '203.0.113.42',
          UserAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)',
          IAAuthData: 'eyJkZXZpY2UiOiJmcCJ9',
          KeyValuePairs: [
            { Key: 'external.user.id', Value: 'u-1001' },
            { Key: 'channel', Value: 'web' },
          ],
        },
        options,
      ),
    request: `
      <vip:EvaluateRiskRequest>
        <vip:requestId>RISK_0001</vip:requestId>
        <vip:UserId>dave@example.com</vip:UserId>
        <vip:Ip>203.0.113.42</vip:Ip>
        <vip:UserAgent>Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)</vip:UserAgent>
        <vip:IAAuthData>eyJkZXZpY2UiOiJmcCJ9</vip:IAAuthData>
        <vip:KeyValuePairs><vip:Key>external.user.id</vip:Key><vip:Value>u-1001</vip:Value></vip:KeyValuePairs>
        <vip:KeyValuePairs><vip:Key>channel</vip:Key><vip:Value>web</vip:Value></vip:KeyValuePairs>
      </vip:EvaluateRiskRequest>`,
    response: {
      fields: `
        <RiskScore>12</RiskScore>
        <RiskThreshold>70</RiskThreshold>
        <RiskReason>Device Recognition</RiskReason>
        <PolicyVersion>2.0</PolicyVersion>
        <EventId>4627183950127364</EventId>
        <KeyValuePairs><Key>device.tag</Key><Value>dt_8f2a</Value></KeyValuePairs>
        <KeyValuePairs><Key>device.registered</Key><Value>true</Value></KeyValuePairs>`,
    },
    output: success('RISK_0001', {
      Risky: false,
      RiskScore: 12,
      RiskThreshold: 70,
      RiskReason: 'Device Recognition',
      PolicyVersion: '2.0',
      EventId: '4627183950127364',
      KeyValuePairs: [
        { Key: 'device.tag', Value: 'dt_8f2a' },
        { Key: 'device.registered', Value: 'true' },
      ],
    }),
    failure: { status: { status: '6022', statusMessage: 'IA policy must be enabled for this account.' }, error: IaPolicyNotEnabledError },
  },
  {
    title: 'evaluateRisk, risky (6009 is a result with Risky: true)',
    operation: 'evaluateRisk',
    service: 'Authentication',
    requestId: 'RISK_0002',
    call: (vip, options) => vip.evaluateRisk({ UserId: 'dave@example.com', Ip: '198.51.100.7', UserAgent: 'curl/8.5.0' }, options),
    request: `
      <vip:EvaluateRiskRequest>
        <vip:requestId>RISK_0002</vip:requestId>
        <vip:UserId>dave@example.com</vip:UserId>
        <vip:Ip>198.51.100.7</vip:Ip>
        <vip:UserAgent>curl/8.5.0</vip:UserAgent>
      </vip:EvaluateRiskRequest>`,
    response: {
      status: { status: '6009', statusMessage: 'Authentication failed.' },
      fields: `
        <RiskScore>85</RiskScore>
        <RiskThreshold>70</RiskThreshold>
        <RiskReason>Behavior anomaly</RiskReason>
        <PolicyVersion>2.0</PolicyVersion>
        <EventId>4627183950127365</EventId>`,
    },
    output: {
      requestId: 'RISK_0002',
      status: '6009',
      statusMessage: 'Authentication failed.',
      Risky: true,
      RiskScore: 85,
      RiskThreshold: 70,
      RiskReason: 'Behavior anomaly',
      PolicyVersion: '2.0',
      EventId: '4627183950127365',
    },
    failure: { status: { status: '6029', statusMessage: 'IA service is currently not available.' }, error: IaServiceUnavailableError },
  },
  {
    title: 'confirmRisk',
    operation: 'confirmRisk',
    service: 'Authentication',
    requestId: 'CONF_0001',
    call: (vip, options) =>
      vip.confirmRisk(
        {
          UserId: 'dave@example.com',
          EventId: '4627183950127365',
          VerifyMethod: 'SMS_OTP',
          KeyValuePairs: [{ Key: 'reason', Value: 'wrong code twice' }],
        },
        options,
      ),
    request: `
      <vip:ConfirmRiskRequest>
        <vip:requestId>CONF_0001</vip:requestId>
        <vip:UserId>dave@example.com</vip:UserId>
        <vip:EventId>4627183950127365</vip:EventId>
        <vip:VerifyMethod>SMS_OTP</vip:VerifyMethod>
        <vip:KeyValuePairs><vip:Key>reason</vip:Key><vip:Value>wrong code twice</vip:Value></vip:KeyValuePairs>
      </vip:ConfirmRiskRequest>`,
    response: { fields: '<KeyValuePairs><Key>device.tag</Key><Value>dt_8f2a</Value></KeyValuePairs>' },
    output: success('CONF_0001', { KeyValuePairs: [{ Key: 'device.tag', Value: 'dt_8f2a' }] }),
    failure: {
      status: { status: '6023', statusMessage: 'Event for the ID passed in feedback is not found.' },
      error: RiskEventNotFoundError,
    },
  },
  {
    title: 'denyRisk',
    operation: 'denyRisk',
    service: 'Authentication',
    requestId: 'DENY_0001',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) =>
      vip.denyRisk(
        {
          UserId: 'dave@example.com',
          EventId: '4627183950127365',
          VerifyMethod: 'PUSH',
          IAAuthData: 'eyJkZXZpY2UiOiJmcCJ9',
          RememberDevice: true,
          FriendlyName: "Dave's laptop",
          KeyValuePairs: [
            { Key: 'device.tag', Value: 'dt_8f2a' },
            { Key: 'note', Value: '' },
          ],
        },
        options,
      ),
    request: `
      <vip:DenyRiskRequest>
        <vip:requestId>DENY_0001</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:UserId>dave@example.com</vip:UserId>
        <vip:EventId>4627183950127365</vip:EventId>
        <vip:VerifyMethod>PUSH</vip:VerifyMethod>
        <vip:IAAuthData>eyJkZXZpY2UiOiJmcCJ9</vip:IAAuthData>
        <vip:RememberDevice>true</vip:RememberDevice>
        <vip:FriendlyName>Dave's laptop</vip:FriendlyName>
        <vip:KeyValuePairs><vip:Key>device.tag</vip:Key><vip:Value>dt_8f2a</vip:Value></vip:KeyValuePairs>
        <vip:KeyValuePairs><vip:Key>note</vip:Key><vip:Value></vip:Value></vip:KeyValuePairs>
      </vip:DenyRiskRequest>`,
    response: {
      fields: `
        <KeyValuePairs><Key>device.tag</Key><Value>dt_8f2a</Value></KeyValuePairs>
        <KeyValuePairs><Key>device.registered</Key><Value/></KeyValuePairs>`,
    },
    output: success('DENY_0001', {
      KeyValuePairs: [
        { Key: 'device.tag', Value: 'dt_8f2a' },
        { Key: 'device.registered', Value: '' },
      ],
    }),
    failure: {
      status: { status: '6027', statusMessage: 'VIP Trusted Device is not enabled for this account.' },
      error: TrustedDeviceNotEnabledError,
    },
  },
  {
    title: 'createUser',
    operation: 'createUser',
    service: 'Management',
    requestId: 'USER_0001',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) => vip.createUser({ userId: 'zoë.müller@example.com', pin: '8642', forcePinChange: true }, options),
    request: `
      <vip:CreateUserRequest>
        <vip:requestId>USER_0001</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:userId>zoë.müller@example.com</vip:userId>
        <vip:pin>8642</vip:pin>
        <vip:forcePinChange>true</vip:forcePinChange>
      </vip:CreateUserRequest>`,
    response: { fields: '' },
    output: success('USER_0001'),
    failure: { status: { status: '6002', statusMessage: 'User already exists.' }, error: UserAlreadyExistsError },
  },
  {
    title: 'updateUser',
    operation: 'updateUser',
    service: 'Management',
    requestId: 'USER_0002',
    call: (vip, options) =>
      vip.updateUser(
        {
          userId: 'erin',
          newUserId: 'erin.smith@example.com',
          newUserStatus: 'DISABLED',
          oldPin: '1357',
          newPin: '97531',
          forcePinChange: false,
        },
        options,
      ),
    request: `
      <vip:UpdateUserRequest>
        <vip:requestId>USER_0002</vip:requestId>
        <vip:userId>erin</vip:userId>
        <vip:newUserId>erin.smith@example.com</vip:newUserId>
        <vip:newUserStatus>DISABLED</vip:newUserStatus>
        <vip:oldPin>1357</vip:oldPin>
        <vip:newPin>97531</vip:newPin>
        <vip:forcePinChange>false</vip:forcePinChange>
      </vip:UpdateUserRequest>`,
    response: { fields: '' },
    output: success('USER_0002'),
    failure: { status: { status: '601F', statusMessage: 'Invalid user PIN.' }, error: InvalidUserPinError },
  },
  {
    title: 'deleteUser',
    operation: 'deleteUser',
    service: 'Management',
    requestId: 'USER_0003',
    call: (vip, options) => vip.deleteUser({ userId: 'frank & <co>' }, options),
    request: `
      <vip:DeleteUserRequest>
        <vip:requestId>USER_0003</vip:requestId>
        <vip:userId>frank &amp; &lt;co&gt;</vip:userId>
      </vip:DeleteUserRequest>`,
    response: { fields: '' },
    output: success('USER_0003'),
    failure: { status: { status: '6003', statusMessage: 'User does not exist.' }, error: UserNotFoundError },
  },
  {
    title: 'clearUserPin',
    operation: 'clearUserPin',
    service: 'Management',
    requestId: 'USER_0004',
    call: (vip, options) => vip.clearUserPin({ userId: 'grace' }, options),
    request: `
      <vip:ClearUserPinRequest>
        <vip:requestId>USER_0004</vip:requestId>
        <vip:userId>grace</vip:userId>
      </vip:ClearUserPinRequest>`,
    response: { fields: '' },
    output: success('USER_0004'),
    failure: { status: { status: '6021', statusMessage: 'User PIN is not enabled for this account.' }, error: UserPinNotEnabledError },
  },
  {
    title: 'addCredential',
    operation: 'addCredential',
    service: 'Management',
    requestId: 'CRED_0003',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) =>
      vip.addCredential(
        {
          userId: 'heidi',
          credentialDetail: {
            credentialId: 'VSMT16261823',
            credentialType: 'STANDARD_OTP',
            friendlyName: 'Work phone',
            trustedDevice: false,
          },
          otpAuthData: { otp: '111222', otp2: '333444' },
          trustedDevice: false,
        },
        options,
      ),
    request: `
      <vip:AddCredentialRequest>
        <vip:requestId>CRED_0003</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:userId>heidi</vip:userId>
        <vip:credentialDetail>
          <vip:credentialId>VSMT16261823</vip:credentialId>
          <vip:credentialType>STANDARD_OTP</vip:credentialType>
          <vip:friendlyName>Work phone</vip:friendlyName>
          <vip:trustedDevice>false</vip:trustedDevice>
        </vip:credentialDetail>
        <vip:otpAuthData><vip:otp>111222</vip:otp><vip:otp2>333444</vip:otp2></vip:otpAuthData>
        <vip:trustedDevice>false</vip:trustedDevice>
      </vip:AddCredentialRequest>`,
    response: { fields: '' },
    output: success('CRED_0003'),
    failure: {
      status: { status: '601B', statusMessage: 'Operation not allowed in current user status.' },
      error: UserStatusNotAllowedError,
    },
  },
  {
    title: 'updateCredential',
    operation: 'updateCredential',
    service: 'Management',
    requestId: 'CRED_0004',
    call: (vip, options) =>
      vip.updateCredential(
        { userId: 'heidi', credentialId: 'VSMT16261823', credentialType: 'STANDARD_OTP', friendlyName: 'Personal phone (old)' },
        options,
      ),
    request: `
      <vip:UpdateCredentialRequest>
        <vip:requestId>CRED_0004</vip:requestId>
        <vip:userId>heidi</vip:userId>
        <vip:credentialId>VSMT16261823</vip:credentialId>
        <vip:credentialType>STANDARD_OTP</vip:credentialType>
        <vip:friendlyName>Personal phone (old)</vip:friendlyName>
      </vip:UpdateCredentialRequest>`,
    response: { fields: '' },
    output: success('CRED_0004'),
    failure: {
      status: { status: '602D', statusMessage: 'Invalid friendly name. Friendly name cannot include $ # ! " / ? \\ or *.' },
      error: InvalidFriendlyNameError,
    },
  },
  {
    title: 'removeCredential',
    operation: 'removeCredential',
    service: 'Management',
    requestId: 'CRED_0005',
    call: (vip, options) =>
      vip.removeCredential({ userId: 'heidi', credentialId: 'IA7f3a9b2c', credentialType: 'IA', trustedDevice: true }, options),
    request: `
      <vip:RemoveCredentialRequest>
        <vip:requestId>CRED_0005</vip:requestId>
        <vip:userId>heidi</vip:userId>
        <vip:credentialId>IA7f3a9b2c</vip:credentialId>
        <vip:credentialType>IA</vip:credentialType>
        <vip:trustedDevice>true</vip:trustedDevice>
      </vip:RemoveCredentialRequest>`,
    response: { fields: '' },
    output: success('CRED_0005'),
    failure: {
      status: { status: '6010', statusMessage: 'The account is not authorized to perform this operation.' },
      error: AccountNotAuthorizedError,
    },
  },
  {
    title: 'setTemporaryPassword',
    operation: 'setTemporaryPassword',
    service: 'Management',
    requestId: 'TEMP_0001',
    call: (vip, options) =>
      vip.setTemporaryPassword(
        {
          userId: 'ivan',
          temporaryPassword: '482913',
          temporaryPasswordAttributes: { expirationTime: new Date('2027-01-15T10:30:00Z'), oneTimeUseOnly: true },
          smsDeliveryInfo: {
            phoneNumber: '15555550100',
            smsFrom: '12345',
            messageTemplate: 'Your temporary code is <otp>',
            gatewayAcctInfo: { Id: 'gw-acct', Password: 'gw&Pass' },
          },
        },
        options,
      ),
    request: `
      <vip:SetTemporaryPasswordRequest>
        <vip:requestId>TEMP_0001</vip:requestId>
        <vip:userId>ivan</vip:userId>
        <vip:temporaryPassword>482913</vip:temporaryPassword>
        <vip:temporaryPasswordAttributes>
          <vip:expirationTime>2027-01-15T10:30:00.000Z</vip:expirationTime>
          <vip:oneTimeUseOnly>true</vip:oneTimeUseOnly>
        </vip:temporaryPasswordAttributes>
        <vip:smsDeliveryInfo>
          <vip:phoneNumber>15555550100</vip:phoneNumber>
          <vip:smsFrom>12345</vip:smsFrom>
          <vip:messageTemplate>Your temporary code is &lt;otp&gt;</vip:messageTemplate>
          <vip:gatewayAcctInfo><vip:Id>gw-acct</vip:Id><vip:Password>gw&amp;Pass</vip:Password></vip:gatewayAcctInfo>
        </vip:smsDeliveryInfo>
      </vip:SetTemporaryPasswordRequest>`,
    response: { fields: '<temporaryPassword>482913</temporaryPassword>' },
    output: success('TEMP_0001', { temporaryPassword: '482913' }),
    failure: {
      status: {
        status: '601A',
        statusMessage: 'Expiration date must be later than the current time, and cannot exceed the validity period.',
      },
      error: InvalidExpirationDateError,
    },
  },
  {
    title: 'clearTemporaryPassword',
    operation: 'clearTemporaryPassword',
    service: 'Management',
    requestId: 'TEMP_0002',
    call: (vip, options) => vip.clearTemporaryPassword({ userId: 'ivan' }, options),
    request: `
      <vip:ClearTemporaryPasswordRequest>
        <vip:requestId>TEMP_0002</vip:requestId>
        <vip:userId>ivan</vip:userId>
      </vip:ClearTemporaryPasswordRequest>`,
    response: { fields: '' },
    output: success('TEMP_0002'),
    failure: { status: { status: '6017', statusMessage: 'Temporary password is not set.' }, error: TemporaryPasswordNotSetError },
  },
  {
    title: 'setTemporaryPasswordAttributes',
    operation: 'setTemporaryPasswordAttributes',
    service: 'Management',
    requestId: 'TEMP_0003',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) =>
      vip.setTemporaryPasswordAttributes(
        {
          userId: 'ivan',
          temporaryPasswordAttributes: { expirationTime: new Date(Date.UTC(2027, 0, 2, 3, 4, 5, 6)), oneTimeUseOnly: false },
        },
        options,
      ),
    request: `
      <vip:SetTemporaryPasswordAttributesRequest>
        <vip:requestId>TEMP_0003</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:userId>ivan</vip:userId>
        <vip:temporaryPasswordAttributes>
          <vip:expirationTime>2027-01-02T03:04:05.006Z</vip:expirationTime>
          <vip:oneTimeUseOnly>false</vip:oneTimeUseOnly>
        </vip:temporaryPasswordAttributes>
      </vip:SetTemporaryPasswordAttributesRequest>`,
    response: { fields: '' },
    output: success('TEMP_0003'),
    failure: {
      status: {
        status: '601A',
        statusMessage: 'Expiration date must be later than the current time, and cannot exceed the validity period.',
      },
      error: InvalidExpirationDateError,
    },
  },
  {
    title: 'sendOtp by voice',
    operation: 'sendOtp',
    service: 'Management',
    requestId: 'OTP_0001',
    call: (vip, options) =>
      vip.sendOtp({ userId: 'judy', voiceDeliveryInfo: { phoneNumber: '15555550100x12,#', Language: 'en-us' } }, options),
    request: `
      <vip:SendOtpRequest>
        <vip:requestId>OTP_0001</vip:requestId>
        <vip:userId>judy</vip:userId>
        <vip:voiceDeliveryInfo><vip:phoneNumber>15555550100x12,#</vip:phoneNumber><vip:Language>en-us</vip:Language></vip:voiceDeliveryInfo>
      </vip:SendOtpRequest>`,
    response: { fields: '' },
    output: success('OTP_0001'),
    failure: {
      status: { status: '6019', statusMessage: 'Unable to send message to voice gateway for the given number.' },
      error: VoiceDeliveryError,
    },
  },
  {
    title: 'sendOtp by SMS',
    operation: 'sendOtp',
    service: 'Management',
    requestId: 'OTP_0002',
    call: (vip, options) => vip.sendOtp({ userId: 'judy', smsDeliveryInfo: { phoneNumber: '447700900123' } }, options),
    request: `
      <vip:SendOtpRequest>
        <vip:requestId>OTP_0002</vip:requestId>
        <vip:userId>judy</vip:userId>
        <vip:smsDeliveryInfo><vip:phoneNumber>447700900123</vip:phoneNumber></vip:smsDeliveryInfo>
      </vip:SendOtpRequest>`,
    response: { fields: '' },
    output: success('OTP_0002'),
    failure: { status: { status: '6018', statusMessage: 'Unable to send SMS to given number through gateway.' }, error: SmsDeliveryError },
  },
  {
    title: 'register a service credential',
    operation: 'register',
    service: 'Management',
    requestId: 'REG_0001',
    call: (vip, options) => vip.register({ serviceOtpDeliveryInfo: { id: 'SVC#0001.a' } }, options),
    request: `
      <vip:RegisterRequest>
        <vip:requestId>REG_0001</vip:requestId>
        <vip:serviceOtpDeliveryInfo><vip:id>SVC#0001.a</vip:id></vip:serviceOtpDeliveryInfo>
      </vip:RegisterRequest>`,
    response: { fields: '<otp>739184</otp>' },
    output: success('REG_0001', { otp: '739184' }),
    failure: {
      status: {
        status: '6026',
        statusMessage: 'Credential is already registered for this account.',
        detail: '4E1B',
        detailMessage: 'Token has already been activated.',
      },
      error: CredentialAlreadyRegisteredError,
    },
  },
  {
    title: 'register an SMS credential',
    operation: 'register',
    service: 'Management',
    requestId: 'REG_0002',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) => vip.register({ smsDeliveryInfo: { phoneNumber: '15555550123', messageTemplate: 'Code: {otp}' } }, options),
    request: `
      <vip:RegisterRequest>
        <vip:requestId>REG_0002</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:smsDeliveryInfo><vip:phoneNumber>15555550123</vip:phoneNumber><vip:messageTemplate>Code: {otp}</vip:messageTemplate></vip:smsDeliveryInfo>
      </vip:RegisterRequest>`,
    response: { fields: '' },
    output: success('REG_0002'),
    failure: { status: { status: '600A', statusMessage: 'Credential type not supported.' }, error: CredentialTypeNotSupportedError },
  },
  {
    title: 'getServerTime',
    operation: 'getServerTime',
    service: 'Query',
    requestId: 'TIME_0001',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) => vip.getServerTime({}, options),
    request: `
      <vip:GetServerTimeRequest>
        <vip:requestId>TIME_0001</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
      </vip:GetServerTimeRequest>`,
    response: { fields: '<timestamp>2026-11-20T08:15:30.123-05:00</timestamp>' },
    output: success('TIME_0001', { timestamp: new Date('2026-11-20T13:15:30.123Z') }),
    failure: { status: { status: '6001', statusMessage: 'Invalid account' }, error: InvalidAccountError },
  },
  {
    title: 'getUserInfo',
    operation: 'getUserInfo',
    service: 'Query',
    requestId: 'INFO_0001',
    call: (vip, options) =>
      vip.getUserInfo({ userId: 'alice@example.com', iaInfo: false, includePushAttributes: true, includeTokenInfo: true }, options),
    request: `
      <vip:GetUserInfoRequest>
        <vip:requestId>INFO_0001</vip:requestId>
        <vip:userId>alice@example.com</vip:userId>
        <vip:iaInfo>false</vip:iaInfo>
        <vip:includePushAttributes>true</vip:includePushAttributes>
        <vip:includeTokenInfo>true</vip:includeTokenInfo>
      </vip:GetUserInfoRequest>`,
    response: {
      fields: `
        <userId>alice@example.com</userId>
        <userCreationTime>2017-08-15T01:15:14.555Z</userCreationTime>
        <userStatus>ACTIVE</userStatus>
        <numBindings>2</numBindings>
        <credentialBindingDetail>
          <credentialId>VSMT16261823</credentialId>
          <credentialType>STANDARD_OTP</credentialType>
          <credentialStatus>ENABLED</credentialStatus>
          <tokenCategoryDetails>
            <CategoryId>70</CategoryId>
            <FormFactor>MOBILE</FormFactor>
            <MovingFactor>TIME</MovingFactor>
            <OtpGeneratedBy>SOFTWARE</OtpGeneratedBy>
          </tokenCategoryDetails>
          <tokenInfo>
            <TokenId>VSMT16261823</TokenId>
            <TokenKind>SOFTWARE</TokenKind>
            <Adapter>OATH_TIME</Adapter>
            <TokenStatus>ENABLED</TokenStatus>
            <ExpirationDate>2029-08-15T01:15:14.000Z</ExpirationDate>
            <LastUpdate>2026-10-01T12:00:00.000-07:00</LastUpdate>
            <Owner>true</Owner>
          </tokenInfo>
          <bindingDetail>
            <bindStatus>ENABLED</bindStatus>
            <friendlyName>Work phone</friendlyName>
            <trustedDevice>false</trustedDevice>
            <clientVersion>4.2.1</clientVersion>
            <clientType>iOS</clientType>
            <lastBindTime>2017-08-15T01:20:00.000Z</lastBindTime>
            <lastAuthnTime>2026-11-19T22:10:05.000Z</lastAuthnTime>
            <lastAuthnId>6D3F0A11C2B94E7A</lastAuthnId>
          </bindingDetail>
          <pushAttributes><Key>PUSH_ENABLED</Key><Value>true</Value></pushAttributes>
          <pushAttributes><Key>PUSH_PLATFORM</Key><Value>IPHONE</Value></pushAttributes>
          <pushAttributes><Key>CLIENT_VERSION</Key><Value>4.2.1</Value></pushAttributes>
        </credentialBindingDetail>
        <credentialBindingDetail>
          <credentialId>SMS15555550100</credentialId>
          <credentialType>SMS_OTP</credentialType>
          <credentialStatus>ENABLED</credentialStatus>
          <tokenInfo>
            <TokenId type="SMS">SMS15555550100</TokenId>
            <Adapter>SMS_OTP</Adapter>
            <TokenStatus>ENABLED</TokenStatus>
            <ExpirationDate>2030-01-01T00:00:00.000Z</ExpirationDate>
            <TempPasswordExpirationDate>2026-11-21T00:00:00.000Z</TempPasswordExpirationDate>
            <TempPasswordOneTimeUse>true</TempPasswordOneTimeUse>
            <LastUpdate>2026-11-20T00:00:00.000Z</LastUpdate>
            <ServerOTPExpires>300</ServerOTPExpires>
            <ReportedReason>TemporarilyUnavailable</ReportedReason>
          </tokenInfo>
          <bindingDetail>
            <bindStatus>DISABLED</bindStatus>
            <lastBindTime>2020-02-29T23:59:59.999+01:00</lastBindTime>
          </bindingDetail>
        </credentialBindingDetail>
        <isPinSet>true</isPinSet>
        <isTempPasswordSet>false</isTempPasswordSet>
        <pinExpirationTime>2027-06-30T00:00:00Z</pinExpirationTime>`,
    },
    output: success('INFO_0001', {
      userId: 'alice@example.com',
      userCreationTime: new Date('2017-08-15T01:15:14.555Z'),
      userStatus: 'ACTIVE',
      numBindings: 2,
      credentialBindingDetail: [
        {
          credentialId: 'VSMT16261823',
          credentialType: 'STANDARD_OTP',
          credentialStatus: 'ENABLED',
          tokenCategoryDetails: { CategoryId: 70, FormFactor: 'MOBILE', MovingFactor: 'TIME', OtpGeneratedBy: 'SOFTWARE' },
          tokenInfo: {
            TokenId: { value: 'VSMT16261823' },
            TokenKind: 'SOFTWARE',
            Adapter: 'OATH_TIME',
            TokenStatus: 'ENABLED',
            ExpirationDate: new Date('2029-08-15T01:15:14.000Z'),
            LastUpdate: new Date('2026-10-01T19:00:00.000Z'),
            Owner: true,
          },
          bindingDetail: {
            bindStatus: 'ENABLED',
            friendlyName: 'Work phone',
            trustedDevice: false,
            clientVersion: '4.2.1',
            clientType: 'iOS',
            lastBindTime: new Date('2017-08-15T01:20:00.000Z'),
            lastAuthnTime: new Date('2026-11-19T22:10:05.000Z'),
            lastAuthnId: '6D3F0A11C2B94E7A',
          },
          pushAttributes: [
            { Key: 'PUSH_ENABLED', Value: 'true' },
            { Key: 'PUSH_PLATFORM', Value: 'IPHONE' },
            { Key: 'CLIENT_VERSION', Value: '4.2.1' },
          ],
        },
        {
          credentialId: 'SMS15555550100',
          credentialType: 'SMS_OTP',
          credentialStatus: 'ENABLED',
          tokenInfo: {
            TokenId: { value: 'SMS15555550100', type: 'SMS' },
            Adapter: 'SMS_OTP',
            TokenStatus: 'ENABLED',
            ExpirationDate: new Date('2030-01-01T00:00:00.000Z'),
            TempPasswordExpirationDate: new Date('2026-11-21T00:00:00.000Z'),
            TempPasswordOneTimeUse: true,
            LastUpdate: new Date('2026-11-20T00:00:00.000Z'),
            ServerOTPExpires: 300,
            ReportedReason: 'TemporarilyUnavailable',
          },
          bindingDetail: { bindStatus: 'DISABLED', lastBindTime: new Date('2020-02-29T22:59:59.999Z') },
        },
      ],
      isPinSet: true,
      isTempPasswordSet: false,
      pinExpirationTime: new Date('2027-06-30T00:00:00.000Z'),
    }),
    failure: { status: { status: '6003', statusMessage: 'User does not exist.' }, error: UserNotFoundError },
  },
  {
    title: 'getCredentialInfo',
    operation: 'getCredentialInfo',
    service: 'Query',
    requestId: 'INFO_0002',
    onBehalfOfAccountId: CHILD,
    call: (vip, options) =>
      vip.getCredentialInfo({ credentialId: 'VSMT16261823', credentialType: 'STANDARD_OTP', includePushAttributes: true }, options),
    request: `
      <vip:GetCredentialInfoRequest>
        <vip:requestId>INFO_0002</vip:requestId>
        <vip:onBehalfOfAccountId>ChildAcct01</vip:onBehalfOfAccountId>
        <vip:credentialId>VSMT16261823</vip:credentialId>
        <vip:credentialType>STANDARD_OTP</vip:credentialType>
        <vip:includePushAttributes>true</vip:includePushAttributes>
      </vip:GetCredentialInfoRequest>`,
    response: {
      fields: `
        <credentialId>VSMT16261823</credentialId>
        <credentialType>STANDARD_OTP</credentialType>
        <credentialStatus>ENABLED</credentialStatus>
        <numBindings>1</numBindings>
        <pushAttributes><Key>PUSH_ENABLED</Key><Value>true</Value></pushAttributes>
        <pushAttributes><Key>PUSH_PLATFORM</Key><Value>ANDROID</Value></pushAttributes>
        <userBindingDetail>
          <userId>alice@example.com</userId>
          <userStatus>LOCKED</userStatus>
          <bindingDetail>
            <bindStatus>ENABLED</bindStatus>
            <friendlyName>Work phone</friendlyName>
            <lastBindTime>2017-08-15T01:20:00.000Z</lastBindTime>
          </bindingDetail>
        </userBindingDetail>`,
    },
    output: success('INFO_0002', {
      credentialId: 'VSMT16261823',
      credentialType: 'STANDARD_OTP',
      credentialStatus: 'ENABLED',
      numBindings: 1,
      pushAttributes: [
        { Key: 'PUSH_ENABLED', Value: 'true' },
        { Key: 'PUSH_PLATFORM', Value: 'ANDROID' },
      ],
      userBindingDetail: [
        {
          userId: 'alice@example.com',
          userStatus: 'LOCKED',
          bindingDetail: { bindStatus: 'ENABLED', friendlyName: 'Work phone', lastBindTime: new Date('2017-08-15T01:20:00.000Z') },
        },
      ],
    }),
    failure: { status: { status: '6004', statusMessage: 'Credential ID is not valid.' }, error: InvalidCredentialIdError },
  },
  {
    title: 'getTemporaryPasswordAttributes',
    operation: 'getTemporaryPasswordAttributes',
    service: 'Query',
    requestId: 'TEMP_0004',
    call: (vip, options) => vip.getTemporaryPasswordAttributes({ userId: 'ivan' }, options),
    request: `
      <vip:GetTemporaryPasswordAttributesRequest>
        <vip:requestId>TEMP_0004</vip:requestId>
        <vip:userId>ivan</vip:userId>
      </vip:GetTemporaryPasswordAttributesRequest>`,
    response: {
      fields: `
        <tempPwdAttributes>
          <expirationTime>2027-01-15T10:30:00.000Z</expirationTime>
          <oneTimeUseOnly>true</oneTimeUseOnly>
        </tempPwdAttributes>`,
    },
    output: success('TEMP_0004', { tempPwdAttributes: { expirationTime: new Date('2027-01-15T10:30:00.000Z'), oneTimeUseOnly: true } }),
    failure: { status: { status: '6017', statusMessage: 'Temporary password is not set.' }, error: TemporaryPasswordNotSetError },
  },
  {
    title: 'pollPushStatus (per-transaction statuses are data)',
    operation: 'pollPushStatus',
    service: 'Query',
    requestId: 'POLL_0001',
    call: (vip, options) =>
      vip.pollPushStatus({ transactionId: ['2ae68a940ec4236b', 'c0ffee0123456789', 'deadbeef00000001', '0000000000000000'] }, options),
    request: `
      <vip:PollPushStatusRequest>
        <vip:requestId>POLL_0001</vip:requestId>
        <vip:transactionId>2ae68a940ec4236b</vip:transactionId>
        <vip:transactionId>c0ffee0123456789</vip:transactionId>
        <vip:transactionId>deadbeef00000001</vip:transactionId>
        <vip:transactionId>0000000000000000</vip:transactionId>
      </vip:PollPushStatusRequest>`,
    response: {
      fields: `
        <transactionStatus>
          <transactionId>2ae68a940ec4236b</transactionId>
          <status>7000</status>
          <statusMessage>Mobile push request approved by user</statusMessage>
          <authnTime>1970-01-01T00:00:00.000Z</authnTime>
          <credentialId>VSMB11112222</credentialId>
          <credentialType>STANDARD_OTP</credentialType>
          <deviceInfo><Key>os</Key><Value>iOS</Value></deviceInfo>
          <deviceInfo><Key>osVersion</Key><Value>17.1</Value></deviceInfo>
          <deviceInfo><Key>rootDetected</Key><Value>false</Value></deviceInfo>
        </transactionStatus>
        <transactionStatus>
          <transactionId>c0ffee0123456789</transactionId>
          <status>7001</status>
          <statusMessage>Mobile push request in progress</statusMessage>
        </transactionStatus>
        <transactionStatus>
          <transactionId>deadbeef00000001</transactionId>
          <status>7002</status>
          <statusMessage>Mobile push request denied by user</statusMessage>
          <detail>7121</detail>
          <detailMessage>Local authentication failed</detailMessage>
          <credentialId>VSMB33334444</credentialId>
          <credentialType>STANDARD_OTP</credentialType>
        </transactionStatus>
        <transactionStatus>
          <transactionId>0000000000000000</transactionId>
          <status>7005</status>
          <statusMessage>Mobile push request not found</statusMessage>
        </transactionStatus>`,
    },
    output: success('POLL_0001', {
      transactionStatus: [
        {
          transactionId: '2ae68a940ec4236b',
          status: '7000',
          statusMessage: 'Mobile push request approved by user',
          authnTime: new Date(0),
          credentialId: 'VSMB11112222',
          credentialType: 'STANDARD_OTP',
          deviceInfo: [
            { Key: 'os', Value: 'iOS' },
            { Key: 'osVersion', Value: '17.1' },
            { Key: 'rootDetected', Value: 'false' },
          ],
        },
        { transactionId: 'c0ffee0123456789', status: '7001', statusMessage: 'Mobile push request in progress' },
        {
          transactionId: 'deadbeef00000001',
          status: '7002',
          statusMessage: 'Mobile push request denied by user',
          detail: '7121',
          detailMessage: 'Local authentication failed',
          credentialId: 'VSMB33334444',
          credentialType: 'STANDARD_OTP',
        },
        { transactionId: '0000000000000000', status: '7005', statusMessage: 'Mobile push request not found' },
      ],
    }),
    failure: { status: { status: '600B', statusMessage: 'Schema validation failed.' }, error: SchemaValidationError },
  },
];

const ALL_OPERATIONS: OperationName[] = [
  'authenticateUser',
  'authenticateUserWithPush',
  'authenticateCredentials',
  'checkOtp',
  'evaluateRisk',
  'confirmRisk',
  'denyRisk',
  'createUser',
  'updateUser',
  'deleteUser',
  'clearUserPin',
  'addCredential',
  'updateCredential',
  'removeCredential',
  'setTemporaryPassword',
  'clearTemporaryPassword',
  'setTemporaryPasswordAttributes',
  'sendOtp',
  'register',
  'getServerTime',
  'getUserInfo',
  'getCredentialInfo',
  'getTemporaryPasswordAttributes',
  'pollPushStatus',
];

/** `<vip:FooRequest>...` gives `FooResponse`. */
function responseElementOf(request: string): string {
  const match = /<vip:(\w+)Request>/.exec(request);
  if (match?.[1] === undefined) throw new Error(`no request element in ${request}`);
  return `${match[1]}Response`;
}

function callOptions(c: OperationCase): VipCallOptions {
  return c.onBehalfOfAccountId === undefined
    ? { requestId: c.requestId }
    : { requestId: c.requestId, onBehalfOfAccountId: c.onBehalfOfAccountId };
}

describe('the operation table', () => {
  it('covers all 24 operations', () => {
    expect(new Set(CASES.map((c) => c.operation))).toEqual(new Set(ALL_OPERATIONS));
    expect(ALL_OPERATIONS).toHaveLength(24);
  });
});

describe.each(CASES)('$title', (c) => {
  const element = responseElementOf(c.request);

  it('sends exactly the expected envelope to its service and returns the typed output', async () => {
    const { vip, transport } = fakeClient(() => vipResponse(element, c.requestId, c.response.fields, c.response.status));
    const output = await c.call(vip, callOptions(c));
    expect(transport.requests).toHaveLength(1);
    expect(transport.bodies[0]).toBe(requestEnvelope(c.request));
    expect(transport.requests[0]?.url).toBe(`https://userservices-auth.vip.symantec.com/vipuserservices/${c.service}Service_1_8`);
    expect(output).toEqual(c.output);
  });

  it('throws the error class of a failure status', async () => {
    const { vip } = fakeClient(() => vipResponse(element, c.requestId, '', c.failure.status));
    const error = await c.call(vip, callOptions(c)).then(
      () => expect.unreachable('the call should have failed'),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(c.failure.error);
    expect(error).toBeInstanceOf(VipServiceError);
    expect(error).toMatchObject({
      code: c.failure.status.status,
      statusMessage: c.failure.status.statusMessage,
      requestId: c.requestId,
      operation: c.operation,
      detail: c.failure.status.detail,
    });
  });
});

describe('push and risk status rules', () => {
  const POLL_CODES = ['7000', '7001', '7002', '7003', '7004', '7005', '7006', '7008'];

  it('returns every per-transaction push status 7000-7008 as data, never as an error', async () => {
    const ids = POLL_CODES.map((code) => `txn${code}`);
    const statuses = POLL_CODES.map(
      (code, i) =>
        `<transactionStatus><transactionId>${ids[i]}</transactionId><status>${code}</status><statusMessage>m${code}</statusMessage></transactionStatus>`,
    ).join('');
    const { vip } = fakeClient(() => vipResponse('PollPushStatusResponse', 'POLL_0002', statuses));
    const output = await vip.pollPushStatus({ transactionId: ids }, { requestId: 'POLL_0002' });
    expect(output.status).toBe('0000');
    expect(output.transactionStatus?.map((t) => t.status)).toEqual(POLL_CODES);
  });

  it('treats 6040 as a failure for an operation that does not send a push', async () => {
    const { vip } = fakeClient(() =>
      vipResponse('AuthenticateUserResponse', 'AUTH_0002', '', { status: '6040', statusMessage: 'Mobile push request sent' }),
    );
    const error = await vip
      .authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } }, { requestId: 'AUTH_0002' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipServiceError);
    expect(error).toMatchObject({ code: '6040', operation: 'authenticateUser', requestId: 'AUTH_0002' });
  });

  it('treats 6009 from authenticateUser as an error, unlike evaluateRisk', async () => {
    const { vip } = fakeClient(() =>
      vipResponse('AuthenticateUserResponse', 'AUTH_0003', '', { status: '6009', statusMessage: 'Authentication failed.' }),
    );
    await expect(
      vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } }, { requestId: 'AUTH_0003' }),
    ).rejects.toBeInstanceOf(AuthenticationFailedError);
  });
});
