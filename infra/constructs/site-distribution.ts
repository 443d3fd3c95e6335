import { Duration, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { INDEX_REWRITE_CODE } from './index-rewrite.js';
import { createMediaHeadersPolicy, createSiteHeadersPolicy } from './site-headers.js';

export interface SiteDistributionProps {
  siteBucket: IBucket;
  logBucket: IBucket;
  /** Host name of the HTTP API (`{id}.execute-api.{region}.amazonaws.com`). */
  apiDomainName: string;
  /** Decks prefix without its slash, as a path pattern root (`decks`). */
  decksPath: string;
  /** Media prefix without its slash (`media`): content-named files, served as they are stored. */
  mediaPath: string;
  domainName?: string;
  certificateArn?: string;
  webAclArn?: string;
}

/**
 * One site for everything: the bucket (instructors' page, decks, assets) through origin access
 * control, and `/api/*` passed uncached to the HTTP API, so the page and the API share an origin.
 */
export class SiteDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);

    // LIST as well as READ: without it S3 answers 403 instead of 404 for a deck that does not exist.
    // Viewers still cannot list anything: every viewer path becomes a GetObject.
    const bucketOrigin = S3BucketOrigin.withOriginAccessControl(props.siteBucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    const apiOrigin = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    // Pre-signed uploads go to the bucket's regional endpoint, the one origin the page may PUT to.
    const headers = createSiteHeadersPolicy(
      this,
      'SecurityHeaders',
      `https://${props.siteBucket.bucketRegionalDomainName}`,
    );
    const indexRewrite = new EdgeFunction(this, 'IndexRewrite', {
      comment: 'Serve folder URLs (/decks/{id}/) from their index.html',
      code: FunctionCode.fromInline(INDEX_REWRITE_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });
    const viewerRequest = [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }];

    const mediaHeaders = createMediaHeadersPolicy(this, 'MediaHeaders');
    const staticBehavior = (cachePolicy: CachePolicy, responseHeadersPolicy = headers): BehaviorOptions => ({
      origin: bucketOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy,
      functionAssociations: viewerRequest,
      compress: true,
    });

    // The instructors' page and anything else outside decks/ and assets/ may change with a deploy. They
    // are stored with Cache-Control: no-cache, so the edge revalidates each request (a 304 from S3);
    // the 60 s default only applies to an object stored without a Cache-Control header.
    const currentPages = new CachePolicy(this, 'CurrentPages', {
      comment: 'Lectern: current deck pages and the instructors page (short)',
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // decks/{id}/v/{version}/ never changes once written (the version is a content hash).
    const immutableVersions = new CachePolicy(this, 'ImmutableVersions', {
      comment: 'Lectern: versioned deck files and media, content-addressed (long)',
      defaultTtl: Duration.days(365),
      maxTtl: Duration.days(365),
      minTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // reveal.js and the themes change only with a deploy, which invalidates /assets/* (site-content.ts);
    // their s-maxage keeps them at the edge until then.
    const assets = new CachePolicy(this, 'Assets', {
      comment: 'Lectern: reveal.js, plugins and themes (long, invalidated on deploy)',
      defaultTtl: Duration.days(7),
      maxTtl: Duration.days(365),
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const certificate = props.certificateArn
      ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Lectern: instructors page, decks, assets and /api',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(certificate && props.domainName
        ? {
            certificate,
            domainNames: [props.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      defaultBehavior: staticBehavior(currentPages),
      additionalBehaviors: {
        'api/*': {
          origin: apiOrigin,
          // Not a redirect: following one would turn a POST into a GET and drop the lecture.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Everything the viewer sent (the Authorization header, the content type) except Host,
          // which must name the API's own domain for API Gateway to accept the request.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
        // Order matters: CloudFront takes the first pattern that matches. A version's files come from
        // the bucket; every other deck path is the API's redirect to the current version.
        [`${props.decksPath}/*/v/*`]: staticBehavior(immutableVersions),
        [`${props.decksPath}/*`]: {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          // The redirect moves with every publish: never cached, and the query (?speaker) goes along.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
        'assets/*': staticBehavior(assets),
        // A media file's name is its content hash: stored once, never changed, cached for a year.
        // Opened as a page, it is sandboxed: an SVG there runs and loads nothing.
        [`${props.mediaPath}/*`]: staticBehavior(immutableVersions, mediaHeaders),
      },
    });

    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the site is served on its *.cloudfront.net name, whose default ' +
          'certificate CloudFront pins to the TLSv1 security policy; a minimum of TLS 1.2 needs a custom ' +
          'certificate. Deploy with -c domainName=… -c certificateArn=… (ACM, us-east-1) to get ' +
          'TLSv1.2_2021, which the stack then sets.',
      });
    }
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A WAF web ACL costs a monthly fee per ACL and rule; the API behind the site already requires ' +
          'a Cognito token and is throttled. Deploy with -c webAclArn=… (CLOUDFRONT scope) to attach ' +
          "the university's web ACL.",
      });
    }
    // The warning asks for a default root object, which is set: `/` never reaches S3 as a listing.
    Validations.of(this.distribution).acknowledge({
      id: 'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      reason:
        'defaultRootObject is index.html and the viewer-request function maps every folder URL to its ' +
        'index.html; cache policies forward no query string, so no viewer request becomes a ListBucket.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Lectures are for students wherever they study, including abroad and on exchange; restricting ' +
        'countries would lock some of them out.',
    });
  }
}
