import { describeAdapterContract } from './adapter-contract.js';
import { slackFixture } from './slack-driver.js';

describeAdapterContract('slack', slackFixture);
