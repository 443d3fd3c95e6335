import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
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

    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('LambdaIntegration', props.handler),
      authorizer,
    });

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
