import { describeAdapterContract } from './adapter-contract.js';
import { localFixture } from './local-driver.js';

describeAdapterContract('local', localFixture);
