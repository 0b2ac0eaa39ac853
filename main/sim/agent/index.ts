/** The simulated on-chip provisioning agent. See docs/simulator.md ("The on-chip agent"). */
export { AGENT_DAC_KEY_ID, AGENT_NVM3_SIZE, AGENT_STATUS, ProvisioningAgent, type AgentChip, type AgentOptions } from './agent';
export { agentCsrPem, buildAgentCsr, type AgentCsrSubject } from './csr';
