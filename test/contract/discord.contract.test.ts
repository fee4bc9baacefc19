import { describeAdapterContract } from './adapter-contract.js';
import { discordFixture } from './discord-driver.js';

describeAdapterContract('discord', discordFixture);
