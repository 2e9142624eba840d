/**
 * The one way to build the DocumentClient the DynamoDB adapters take: marshalling drops undefined members, which
 * optional fields of a profile or a result leave behind (DynamoDB refuses them). Everyone who talks to the table
 * (handlers, the local stack, operator commands, benches, tests) builds it here.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function documentClientFor(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
