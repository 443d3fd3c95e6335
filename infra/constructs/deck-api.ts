import { Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface DeckApiProps {
  handler: IFunction;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  throttleRateLimit: number;
  throttleBurstLimit: number;
  logRetention: RetentionDays;
  /** The site folder of the decks (`decks`), whose current URLs this API answers with redirects. */
  decksPath: string;
}

/**
 * The HTTP API behind `/api/*`. One proxy route hands every API path to the Lambda, which owns the
 * routing (so 404, 405 and 400 answers match the local server's), and the JWT authorizer guards it:
 * no request without a valid instructor token reaches the function.
 */
export class DeckApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: DeckApiProps) {
    super(scope, id);

    const authorizer = new HttpUserPoolAuthorizer('InstructorAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Lectern: publish, list and delete lecture decks',
      // The default stage cannot carry throttling or access logs; ours below does.
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });

    const integration = new HttpLambdaIntegration('LambdaIntegration', props.handler);
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration,
      authorizer,
    });
    // A deck's current URL (/decks/{id}/…, not …/v/…, which CloudFront serves from the bucket) is a
    // redirect to its version, read from the deck's pointer: public, like the decks themselves.
    const currentDeck = this.api.addRoutes({
      path: `/${props.decksPath}/{proxy+}`,
      methods: [HttpMethod.GET, HttpMethod.HEAD],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    for (const route of currentDeck) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          `${route.node.id.split('--')[0]} of a deck URL is public, as the decks are pages for students: this route ` +
          'only answers a redirect to the current immutable version (or 404), reads one pointer object, and changes nothing.',
      });
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Every route inherits these limits: enough for a department publishing at once, low enough that a
      // leaked token or a runaway script cannot run up the Lambda bill.
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // No Authorization header and no body: tokens and lectures stay out of the logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
  }

  /** The host name CloudFront forwards `/api/*` to, taken from the endpoint so the region is always right. */
  get originDomainName(): string {
    // https://{id}.execute-api.{region}.amazonaws.com → element 2 of its split on '/'.
    return Fn.select(2, Fn.split('/', this.api.apiEndpoint));
  }
}
