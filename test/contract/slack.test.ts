// The shared contract, played on the loopback Slack in both of the adapter's modes.
import { startSlackContractDriver } from '../platforms/slack/contract-driver.ts';
import { contractScenarios } from './scenarios.ts';

contractScenarios('Slack, Socket Mode', () => startSlackContractDriver('socket'));
contractScenarios('Slack, HTTP mode', () => startSlackContractDriver('http'));
