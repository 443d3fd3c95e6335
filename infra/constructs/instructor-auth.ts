import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../../lambdas/site/env-names.js';

export interface InstructorAuthProps {
  mfa: 'optional' | 'required';
  threatProtection: boolean;
}

/**
 * The instructors' accounts. An administrator creates them (no self sign-up); each instructor gets
 * tokens for the API with their email and password, through the CLI or any Cognito client.
 */
export class InstructorAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Its members may republish, restore or delete any deck; the API reads the `cognito:groups` claim. */
  readonly adminGroup: UserPoolGroup;

  constructor(scope: Construct, id: string, props: InstructorAuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: props.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      // An authenticator app only: SMS needs an SNS role, a spending limit and an origination number.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      ...(props.threatProtection
        ? {
            featurePlan: FeaturePlan.PLUS,
            standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
          }
        : { featurePlan: FeaturePlan.ESSENTIALS }),
      // Instructors' accounts outlive a redeploy or a deleted stack.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('CliClient', {
      // A public client (no secret) for the AWS CLI and the instructors' page: USER_PASSWORD_AUTH for
      // the README's `aws cognito-idp initiate-auth`, SRP for SDKs that never send the password.
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.adminGroup = new UserPoolGroup(this, 'AdminGroup', {
      userPool: this.userPool,
      groupName: ADMIN_GROUP,
      description: 'Lectern administrators: may republish, restore or delete any deck',
    });

    if (props.mfa !== 'required') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional by default so that the first instructor can sign in with the plain password ' +
          'flow the README shows; every instructor can still enrol an authenticator app (TOTP). Deploy ' +
          'with -c mfa=required to make it mandatory.',
      });
    }
    if (!props.threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is billed per monthly active user. The pool holds a ' +
          'few administrator-created instructor accounts with no self sign-up and a strong password ' +
          'policy; deploy with -c threatProtection=true to switch it on.',
      });
    }
  }
}
