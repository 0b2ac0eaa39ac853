/** The probe worker's entry file (built to out/main/probeWorker.js). */
import './probeWorker';
