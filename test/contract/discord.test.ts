// The shared contract, played on the loopback Discord.
import { startDiscordContractDriver } from '../platforms/discord/contract-driver.ts';
import { contractScenarios } from './scenarios.ts';

contractScenarios('Discord', startDiscordContractDriver);
