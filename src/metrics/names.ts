/**
 * Every metric and label name slaguard exports, with its help text and type. Code, rule packs and
 * dashboards import these constants, so a rename breaks the build, not a dashboard.
 * Names follow Prometheus conventions: snake_case, base units, counters end in `_total`.
 */
export interface MetricDef {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
}

const def = <N extends string>(name: N, type: 'gauge' | 'counter', help: string) => ({ name, type, help }) as const;

/** Labels every series of a target carries, besides the target's own configured labels. */
export const LABEL = {
  target: 'target',
  reason: 'reason',
  cpu: 'cpu',
  mountpoint: 'mountpoint',
  device: 'device',
  fstype: 'fstype',
  iface: 'interface',
  url: 'url',
  ups: 'ups',
  line: 'line',
  source: 'source',
  alarm: 'alarm',
  manufacturer: 'manufacturer',
  model: 'model',
  shard: 'shard',
  kind: 'kind',
} as const;

/** Collection health, written by the scheduler alone. */
export const SCHEDULER = {
  up: def('slaguard_target_up', 'gauge', '1 if the last poll of the target succeeded, 0 if it failed (label kind: the collector, e.g. snmp, http, host).'),
  pollDuration: def('slaguard_poll_duration_seconds', 'gauge', 'Wall-clock duration of the last poll of the target.'),
  pollErrors: def('slaguard_poll_errors_total', 'counter', 'Failed polls of the target, by reason.'),
  pollSkipped: def('slaguard_poll_skipped_total', 'counter', 'Ticks skipped because the previous poll of the target was still running.'),
  lastPoll: def('slaguard_target_last_poll_timestamp_seconds', 'gauge', 'Unix time the last poll of the target finished.'),
  samples: def('slaguard_poll_samples', 'gauge', 'Samples returned by the last poll of the target.'),
} as const;

/** The daemon itself. */
export const DAEMON = {
  reloadOk: def('slaguard_config_last_reload_successful', 'gauge', '1 if the last configuration load succeeded, 0 if it was rejected and the previous one kept.'),
  reloadTime: def('slaguard_config_last_reload_success_timestamp_seconds', 'gauge', 'Unix time of the last successful configuration load.'),
  buildInfo: def('slaguard_build_info', 'gauge', 'Always 1; labels carry the version.'),
  targets: def('slaguard_targets', 'gauge', 'Targets configured, by collector kind.'),
  eventLoopDelayMax: def('slaguard_event_loop_delay_max_seconds', 'gauge', 'Longest event-loop delay since the previous scrape (a stalled daemon polls late).'),
} as const;

/** Host collector (and `slaguard agent`). */
export const HOST = {
  cpuUtilisation: def('slaguard_host_cpu_utilisation_ratio', 'gauge', 'Share of CPU time not idle, all cores, since the previous poll (0-1).'),
  cpuCoreUtilisation: def('slaguard_host_cpu_core_utilisation_ratio', 'gauge', 'Share of CPU time not idle per core since the previous poll (0-1).'),
  load1: def('slaguard_host_load1', 'gauge', '1-minute load average.'),
  load5: def('slaguard_host_load5', 'gauge', '5-minute load average.'),
  load15: def('slaguard_host_load15', 'gauge', '15-minute load average.'),
  memTotal: def('slaguard_host_memory_total_bytes', 'gauge', 'Physical memory.'),
  memAvailable: def('slaguard_host_memory_available_bytes', 'gauge', 'Memory available to new processes without swapping.'),
  memUsed: def('slaguard_host_memory_used_bytes', 'gauge', 'Physical memory in use (total - available).'),
  memUtilisation: def('slaguard_host_memory_utilisation_ratio', 'gauge', 'Share of physical memory in use (0-1).'),
  swapTotal: def('slaguard_host_swap_total_bytes', 'gauge', 'Swap space.'),
  swapUsed: def('slaguard_host_swap_used_bytes', 'gauge', 'Swap space in use.'),
  fsSize: def('slaguard_host_filesystem_size_bytes', 'gauge', 'Filesystem size.'),
  fsUsed: def('slaguard_host_filesystem_used_bytes', 'gauge', 'Filesystem space in use.'),
  fsAvailable: def('slaguard_host_filesystem_available_bytes', 'gauge', 'Filesystem space available to unprivileged users.'),
  fsUtilisation: def('slaguard_host_filesystem_utilisation_ratio', 'gauge', 'Share of the filesystem in use, as df computes Use%: used / (used + available) (0-1).'),
  diskReads: def('slaguard_host_disk_reads_completed_total', 'counter', 'Read operations completed, all block devices.'),
  diskWrites: def('slaguard_host_disk_writes_completed_total', 'counter', 'Write operations completed, all block devices.'),
  diskReadBytes: def('slaguard_host_disk_read_bytes_total', 'counter', 'Bytes read, all filesystems.'),
  diskWrittenBytes: def('slaguard_host_disk_written_bytes_total', 'counter', 'Bytes written, all filesystems.'),
  netRxBytes: def('slaguard_host_network_receive_bytes_total', 'counter', 'Bytes received per interface.'),
  netTxBytes: def('slaguard_host_network_transmit_bytes_total', 'counter', 'Bytes sent per interface.'),
  netRxPackets: def('slaguard_host_network_receive_packets_total', 'counter', 'Packets received per interface.'),
  netTxPackets: def('slaguard_host_network_transmit_packets_total', 'counter', 'Packets sent per interface.'),
  netRxErrors: def('slaguard_host_network_receive_errors_total', 'counter', 'Receive errors per interface.'),
  netTxErrors: def('slaguard_host_network_transmit_errors_total', 'counter', 'Transmit errors per interface.'),
  netRxDrops: def('slaguard_host_network_receive_drops_total', 'counter', 'Received packets dropped per interface.'),
  netTxDrops: def('slaguard_host_network_transmit_drops_total', 'counter', 'Outgoing packets dropped per interface.'),
  netUp: def('slaguard_host_network_up', 'gauge', '1 if the interface is operationally up.'),
  uptime: def('slaguard_host_uptime_seconds', 'gauge', 'Time since the host booted.'),
  processes: def('slaguard_host_processes', 'gauge', 'Processes running on the host.'),
} as const;

/** HTTP probe (application availability, GB/T 34078.4 chapter 9). */
export const HTTP = {
  statusCode: def('slaguard_http_status_code', 'gauge', 'HTTP status code of the last probe.'),
  duration: def('slaguard_http_duration_seconds', 'gauge', 'Time from request start to the end of the body.'),
  bodyMatched: def('slaguard_http_body_matched', 'gauge', '1 if the body contained the expected text.'),
  certExpiry: def('slaguard_http_tls_cert_expiry_timestamp_seconds', 'gauge', 'Unix time the server certificate expires.'),
  certDaysLeft: def('slaguard_http_tls_cert_days_left', 'gauge', 'Days until the server certificate expires (negative once expired).'),
} as const;

/**
 * UPS units, one model for every source (SNMP UPS-MIB, vendor MIBs, NUT), so rules and dashboards
 * work for any vendor. A value the device does not give (or gives as a sentinel) is left out.
 */
export const UPS = {
  onBattery: def('slaguard_ups_on_battery', 'gauge', '1 if the UPS is running on battery (mains lost).'),
  lowBattery: def('slaguard_ups_low_battery', 'gauge', '1 if the UPS reports a low or depleted battery.'),
  charging: def('slaguard_ups_battery_charging', 'gauge', '1 if the battery is charging.'),
  replaceBattery: def('slaguard_ups_battery_replace_needed', 'gauge', '1 if the UPS asks for its battery to be replaced.'),
  batteryStatus: def('slaguard_ups_battery_status', 'gauge', '1 for the current battery status (label status: unknown, normal, low, depleted).'),
  charge: def('slaguard_ups_battery_charge_ratio', 'gauge', 'Battery charge (0-1).'),
  runtime: def('slaguard_ups_battery_runtime_seconds', 'gauge', 'Estimated time the battery can carry the present load.'),
  batteryVoltage: def('slaguard_ups_battery_voltage_volts', 'gauge', 'Battery voltage.'),
  batteryTemperature: def('slaguard_ups_battery_temperature_celsius', 'gauge', 'Battery temperature.'),
  onBatterySeconds: def('slaguard_ups_seconds_on_battery', 'gauge', 'Time on battery since the last switch to battery (0 on mains).'),
  inputVoltage: def('slaguard_ups_input_voltage_volts', 'gauge', 'Input (mains) voltage per line.'),
  inputFrequency: def('slaguard_ups_input_frequency_hertz', 'gauge', 'Input frequency per line.'),
  outputVoltage: def('slaguard_ups_output_voltage_volts', 'gauge', 'Output voltage per line.'),
  outputCurrent: def('slaguard_ups_output_current_amperes', 'gauge', 'Output current per line.'),
  outputPower: def('slaguard_ups_output_power_watts', 'gauge', 'Output active power per line.'),
  outputLoad: def('slaguard_ups_output_load_ratio', 'gauge', 'Output load as a share of the rated capacity, per line (0-1; above 1 is overload).'),
  outputFrequency: def('slaguard_ups_output_frequency_hertz', 'gauge', 'Output frequency.'),
  outputSource: def('slaguard_ups_output_source', 'gauge', '1 for the source the output is fed from now (label source: normal, battery, bypass, booster, reducer, none, other).'),
  alarmsPresent: def('slaguard_ups_alarms_present', 'gauge', 'Alarms active now.'),
  alarm: def('slaguard_ups_alarm', 'gauge', '1 for each active alarm (label alarm: its name).'),
  info: def('slaguard_ups_info', 'gauge', 'Always 1; labels carry the UPS manufacturer and model.'),
} as const;

/** Any SNMP device: identity, uptime, and the SNMP collector's own bookkeeping. */
export const DEVICE = {
  info: def('slaguard_device_info', 'gauge', 'Always 1; labels carry the device class, detected profiles, sysName, sysObjectID and sysDescr.'),
  uptime: def('slaguard_device_uptime_seconds', 'gauge', 'Time since the SNMP agent (re)started (sysUpTime).'),
  counterDiscarded: def('slaguard_snmp_counter_deltas_discarded_total', 'counter', 'Counter deltas not turned into rates, by reason: reboot, reset, impossible.'),
  valuesDiscarded: def('slaguard_snmp_values_discarded_total', 'counter', 'Values read from the agent but not exported, by reason: sentinel (means unknown), implausible (outside the profile\'s bounds, or its unit\'s defaults: a negative size, a ratio above 1).'),
  traps: def('slaguard_snmp_traps_total', 'counter', 'SNMP traps and informs received, by event (unknown for traps slaguard has no mapping for).'),
  malformed: def('slaguard_snmp_malformed_responses_total', 'counter', 'Responses from the agent that could not be decoded (dropped).'),
  cpuUtilisation: def('slaguard_device_cpu_utilisation_ratio', 'gauge', 'CPU utilisation per processor or module (0-1).'),
  memoryTotal: def('slaguard_device_memory_total_bytes', 'gauge', 'Memory size per pool or module.'),
  memoryUsed: def('slaguard_device_memory_used_bytes', 'gauge', 'Memory in use per pool or module.'),
  memoryUtilisation: def('slaguard_device_memory_utilisation_ratio', 'gauge', 'Memory utilisation per pool or module (0-1).'),
  storageSize: def('slaguard_device_storage_size_bytes', 'gauge', 'Size of a storage area (HOST-RESOURCES hrStorage: disks, RAM, swap).'),
  storageUsed: def('slaguard_device_storage_used_bytes', 'gauge', 'Used space of a storage area.'),
  load1: def('slaguard_device_load1', 'gauge', '1-minute load average (UCD-SNMP).'),
  load5: def('slaguard_device_load5', 'gauge', '5-minute load average (UCD-SNMP).'),
  load15: def('slaguard_device_load15', 'gauge', '15-minute load average (UCD-SNMP).'),
  processes: def('slaguard_device_processes', 'gauge', 'Processes running (HOST-RESOURCES).'),
  temperature: def('slaguard_sensor_temperature_celsius', 'gauge', 'Temperature per sensor.'),
  humidity: def('slaguard_sensor_humidity_ratio', 'gauge', 'Relative humidity per sensor (0-1).'),
  voltage: def('slaguard_sensor_voltage_volts', 'gauge', 'Voltage per sensor.'),
  current: def('slaguard_sensor_current_amperes', 'gauge', 'Current per sensor.'),
  fanSpeed: def('slaguard_sensor_fan_rpm', 'gauge', 'Fan speed per sensor.'),
  sessions: def('slaguard_device_sessions', 'gauge', 'Connections or sessions the device tracks now (firewalls).'),
  sessionsMax: def('slaguard_device_sessions_max', 'gauge', 'Size of the device\'s session or connection table (firewalls).'),
  healthOk: def('slaguard_device_health_ok', 'gauge', '1 if the device, or the part named by label component, reports itself healthy; 0 if degraded, failed or in alarm.'),
  haRole: def('slaguard_device_ha_role', 'gauge', '1 for the high-availability role this unit has now (label role: active, standby, standalone, other), 0 for the others.'),
  haInSync: def('slaguard_device_ha_in_sync', 'gauge', '1 if this unit\'s configuration or state is synchronised with its high-availability peer.'),
  powerDraw: def('slaguard_device_power_watts', 'gauge', 'Power the device draws now (a server BMC\'s power meter, a chassis\'s power supplies).'),
  trapsDropped: def('slaguard_snmp_traps_dropped_total', 'counter', 'Trap packets dropped, by reason: malformed, unauthorised, kernel (the socket\'s receive buffer overflowed; read from /proc/net/udp).'),
} as const;

/** Rack PDUs and automatic transfer switches, any vendor. */
export const PDU = {
  current: def('slaguard_pdu_current_amperes', 'gauge', 'Current drawn per phase, bank or outlet (labels say which).'),
  voltage: def('slaguard_pdu_voltage_volts', 'gauge', 'Voltage per phase or input.'),
  power: def('slaguard_pdu_power_watts', 'gauge', 'Active power per phase, input or device.'),
  energy: def('slaguard_pdu_energy_joules_total', 'counter', 'Energy delivered (kWh × 3.6e6).'),
  load: def('slaguard_pdu_load_ratio', 'gauge', 'Load as a share of the rated capacity (0-1).'),
  outletOn: def('slaguard_pdu_outlet_on', 'gauge', '1 if the outlet is switched on.'),
  atsSource: def('slaguard_ats_selected_source', 'gauge', '1 for the input an automatic transfer switch feeds from now (label source).'),
  atsInputOk: def('slaguard_ats_input_ok', 'gauge', '1 if the transfer switch input is healthy (label source).'),
} as const;

/** Storage arrays and the health of parts of any device (disks, volumes, fans, power supplies). */
export const STORAGE = {
  diskOk: def('slaguard_storage_disk_ok', 'gauge', '1 if the disk is healthy (label disk).'),
  volumeSize: def('slaguard_storage_volume_size_bytes', 'gauge', 'Volume size (label volume).'),
  volumeUsed: def('slaguard_storage_volume_used_bytes', 'gauge', 'Volume space in use (label volume).'),
  volumeOk: def('slaguard_storage_volume_ok', 'gauge', '1 if the volume is healthy (label volume).'),
  fanOk: def('slaguard_device_fan_ok', 'gauge', '1 if the fan works (label fan).'),
  psuOk: def('slaguard_device_power_supply_ok', 'gauge', '1 if the power supply works (label psu).'),
} as const;

/** Precision air conditioning (computer-room cooling units), any vendor. */
export const COOLING = {
  supplyTemperature: def('slaguard_cooling_supply_air_temperature_celsius', 'gauge', 'Temperature of the air the cooling unit blows out (supply).'),
  returnTemperature: def('slaguard_cooling_return_air_temperature_celsius', 'gauge', 'Temperature of the air coming back into the cooling unit (return).'),
  returnHumidity: def('slaguard_cooling_return_air_humidity_ratio', 'gauge', 'Relative humidity of the return air (0-1).'),
  setpoint: def('slaguard_cooling_temperature_setpoint_celsius', 'gauge', 'Temperature the cooling unit is set to hold.'),
  unitOn: def('slaguard_cooling_unit_on', 'gauge', '1 if the cooling unit is running.'),
  alarmsPresent: def('slaguard_cooling_alarms_present', 'gauge', 'Alarms active now on the cooling unit.'),
} as const;

/** Network interfaces (IF-MIB), any vendor. */
export const IFACE = {
  inOctets: def('slaguard_interface_in_octets_total', 'counter', 'Octets received (64-bit counter where the device has one, else 32-bit).'),
  outOctets: def('slaguard_interface_out_octets_total', 'counter', 'Octets sent.'),
  inPackets: def('slaguard_interface_in_unicast_packets_total', 'counter', 'Unicast packets received.'),
  outPackets: def('slaguard_interface_out_unicast_packets_total', 'counter', 'Unicast packets sent.'),
  inErrors: def('slaguard_interface_in_errors_total', 'counter', 'Inbound packets with errors.'),
  outErrors: def('slaguard_interface_out_errors_total', 'counter', 'Outbound packets that could not be sent because of errors.'),
  inDiscards: def('slaguard_interface_in_discards_total', 'counter', 'Inbound packets discarded without error (e.g. buffers full).'),
  outDiscards: def('slaguard_interface_out_discards_total', 'counter', 'Outbound packets discarded without error.'),
  operUp: def('slaguard_interface_oper_up', 'gauge', '1 if the interface is operationally up (ifOperStatus up).'),
  adminUp: def('slaguard_interface_admin_up', 'gauge', '1 if the interface is administratively up.'),
  speed: def('slaguard_interface_speed_bytes_per_second', 'gauge', 'Interface speed in bytes per second (ifHighSpeed × 10^6 ÷ 8, else ifSpeed ÷ 8).'),
  inUtilisation: def('slaguard_interface_in_utilisation_ratio', 'gauge', 'Inbound traffic as a share of the interface speed since the previous poll (0-1).'),
  outUtilisation: def('slaguard_interface_out_utilisation_ratio', 'gauge', 'Outbound traffic as a share of the interface speed since the previous poll (0-1).'),
} as const;

/**
 * Values only some vendors give, kept beside the normalised model (profiles in collectors/snmp/profiles).
 * Each is a name a profile may produce; a test checks every profile metric is defined here or above.
 */
export const VENDOR = {
  qnapHdTemperature: def('slaguard_qnap_hd_temperature_celsius', 'gauge', 'Disk temperature from the QNAP legacy hdTable (text such as "28 C/82 F"; label disk).'),
  apcAtsInfo: def('slaguard_apc_ats_info', 'gauge', 'Always 1; labels carry the APC transfer switch model and firmware.'),
  apcAtsPhaseSynced: def('slaguard_apc_ats_phase_synced', 'gauge', '1 if the APC transfer switch inputs are in phase (atsStatusPhaseSyncStatus).'),
  apcAtsRedundant: def('slaguard_apc_ats_redundant', 'gauge', '1 if the APC transfer switch is fully redundant (atsStatusRedundancyState).'),
  apcAtsSwitchOk: def('slaguard_apc_ats_switch_ok', 'gauge', '1 if the APC transfer switch reports its switch healthy (atsStatusSwitchStatus).'),
  apcPduInfo: def('slaguard_apc_pdu_info', 'gauge', 'Always 1; labels carry the APC rack PDU model and firmware.'),
  apcXatsSourceGood: def('slaguard_apc_xats_source_good', 'gauge', '1 if the APC xATS input source quality is good (label source).'),
  aristaAclDrops: def('slaguard_arista_interface_in_acl_drops_total', 'counter', 'Inbound packets dropped by ACLs (Arista aristaIfInAclDrops).'),
  aristaOperChanges: def('slaguard_arista_interface_oper_status_changes_total', 'counter', 'Oper-status changes of the interface (Arista aristaIfOperStatusChanges).'),
  ciscoEnvmonTemperatureState: def('slaguard_cisco_envmon_temperature_state', 'gauge', '1 for the current state of a Cisco temperature sensor (label state: normal, warning, critical, shutdown, notPresent, notFunctioning).'),
  ciscoMemoryPoolFree: def('slaguard_cisco_memory_pool_free_bytes', 'gauge', 'Free memory per Cisco memory pool (ciscoMemoryPoolFree).'),
  dcsInfo: def('slaguard_dcs_device_info', 'gauge', 'Always 1; labels carry the Digital China switch model and software version.'),
  deltaUpsInfo: def('slaguard_delta_ups_info', 'gauge', 'Always 1; labels carry the Delta UPS manufacturer and model.'),
  entitySensorOk: def('slaguard_entity_sensor_ok', 'gauge', '1 if an ENTITY-SENSOR sensor is operational, 0 if non-operational.'),
  entitySensorPower: def('slaguard_entity_sensor_power_watts', 'gauge', 'Power reading of an ENTITY-SENSOR sensor (watts sensors).'),
  geistInfo: def('slaguard_geist_device_info', 'gauge', 'Always 1; labels carry the Geist/Vertiv sensor model and title.'),
  geistDewPoint: def('slaguard_geist_sensor_dew_point_celsius', 'gauge', 'Dew point measured by a Geist/Vertiv environment sensor.'),
  hpOaPsuOutput: def('slaguard_hp_oa_power_supply_output_watts', 'gauge', 'Output power per HP Onboard Administrator power supply.'),
  ibmImmHealth: def('slaguard_ibm_imm_system_health', 'gauge', '1 for the current IBM IMM system health (label status: nonRecoverable, critical, nonCritical, normal).'),
  isilonClusterHealth: def('slaguard_isilon_cluster_health', 'gauge', '1 for the current Isilon cluster health (label status: ok, attn, down, invalid).'),
  isilonDiskStatus: def('slaguard_isilon_disk_status', 'gauge', 'One series per Isilon disk bay present (value 1; labels carry the bay and its status text).'),
  isilonIfsAvailable: def('slaguard_isilon_ifs_available_bytes', 'gauge', 'Free space in the Isilon OneFS file system.'),
  isilonNodeHealth: def('slaguard_isilon_node_health', 'gauge', '1 for the current Isilon node health (label status: ok, attn, down, invalid).'),
  maipuInfo: def('slaguard_maipu_device_info', 'gauge', 'Always 1; labels carry the Maipu device software and hardware versions.'),
  netappDisksFailed: def('slaguard_netapp_disks_failed', 'gauge', 'Failed disks in the NetApp system (diskFailedCount).'),
  netappDisksPrefailed: def('slaguard_netapp_disks_prefailed', 'gauge', 'Disks the NetApp system expects to fail (diskPrefailedCount).'),
  netappGlobalStatus: def('slaguard_netapp_global_status', 'gauge', '1 for the current NetApp global status (label status: other, unknown, ok, nonCritical, critical, nonRecoverable).'),
  netappNvramBatteryOk: def('slaguard_netapp_nvram_battery_ok', 'gauge', '1 if the NetApp NVRAM battery is healthy.'),
  netappOverTemperature: def('slaguard_netapp_over_temperature', 'gauge', '1 if the NetApp system reports over-temperature.'),
  netappSpareDiskOk: def('slaguard_netapp_spare_disk_ok', 'gauge', '1 if a NetApp spare disk is available as a spare.'),
  netentsecInfo: def('slaguard_netentsec_device_info', 'gauge', 'Always 1; labels carry the Netentsec device description.'),
  nsfocusCpu: def('slaguard_nsfocus_cpu_utilisation_ratio', 'gauge', 'CPU utilisation reported by an NSFOCUS device (0-1).'),
  nsfocusInfo: def('slaguard_nsfocus_device_info', 'gauge', 'Always 1; labels carry the NSFOCUS product and software version.'),
  paloaltoSessionUtilisation: def('slaguard_paloalto_session_utilisation_ratio', 'gauge', 'Share of the Palo Alto session table in use (0-1).'),
  paloaltoSessions: def('slaguard_paloalto_sessions', 'gauge', 'Active Palo Alto sessions by protocol (label protocol).'),
  paloaltoSessionsMax: def('slaguard_paloalto_sessions_max', 'gauge', 'Size of the Palo Alto session table.'),
  sangforInfo: def('slaguard_sangfor_device_info', 'gauge', 'Always 1; labels carry the Sangfor device description.'),
  topsecInfo: def('slaguard_topsec_device_info', 'gauge', 'Always 1; labels carry the Topsec product model and software version.'),
  tripplitInfo: def('slaguard_tripplite_device_info', 'gauge', 'Always 1; labels carry the Tripp Lite device manufacturer and model.'),
  ucdMemoryAvailable: def('slaguard_ucd_memory_available_bytes', 'gauge', 'Real memory available (UCD-SNMP memAvailReal).'),
  venusInfo: def('slaguard_venus_device_info', 'gauge', 'Always 1; labels carry the Venustech product identifier.'),
  vertivInfo: def('slaguard_vertiv_device_info', 'gauge', 'Always 1; labels carry the Vertiv/Liebert device manufacturer and model.'),
} as const;

/** Values only switch and router vendors give (issue 10, network devices: profiles cisco*, brocade-*, h3c-legacy, zte …). */
export const VENDOR_NETWORK = {
  ciscoSensorDbm: def('slaguard_cisco_sensor_power_dbm', 'gauge', 'Optical power of a Cisco transceiver lane, transmit or receive (CISCO-ENTITY-SENSOR-MIB dBm sensors; label sensor).'),
} as const;

/**
 * Liebert/Vertiv PDUs and UPSs on the LIEBERT-GP MIBs, Huawei iPDU and NetCol, KSTAR, Kehua and Legrand UPS
 * (issue 10, power2 group): values beside the normalised UPS, PDU and COOLING models.
 */
export const VENDOR_POWER2 = {
  liebertPduStatus: def('slaguard_liebert_pdu_status', 'gauge', '1 for the current state of a Liebert/Vertiv PDU (LIEBERT-GP-PDU-MIB lgpPduEntrySysStatus; label status: normal, start_up, unknown, normal_with_warning, normal_with_alarm, abnormal, communication_failure).'),
  liebertSystemState: def('slaguard_liebert_system_state', 'gauge', '1 for the operating state of a Liebert/Vertiv system (LIEBERT-GP-SYSTEM-MIB lgpSysState; label state: normal, start_up, normal_with_warning, normal_with_alarm, abnormal).'),
  liebertBatteryTestResult: def('slaguard_liebert_battery_test_result', 'gauge', '1 for the outcome of the last battery test of a Liebert UPS (lgpPwrBatteryTestResult; label result: unknown, passed, failed, in_progress, system_failure, inhibited).'),
} as const;

/**
 * Per-service SLA status as series Prometheus can compute with (issue 9): `slaguard rules export`
 * turns them into error-ratio recording rules and burn-rate alerts.
 */
export const SLA_SERIES = {
  serviceState: def('slaguard_sla_service_state', 'gauge', '1 for the state the service is in now (label state: up, down, unknown, maintenance, unscheduled = outside service hours), 0 for the others.'),
  periodStart: def('slaguard_sla_period_start_timestamp_seconds', 'gauge', 'Unix time the current SLA period (calendar month in the agency\'s time zone) began.'),
} as const;

/** Notification delivery (the outbox). */
export const NOTIFY = {
  notifications: def('slaguard_notifications_total', 'counter', 'Delivery attempts by channel and outcome: delivered, retry (failed, will try again), failed (given up).'),
  queueDepth: def('slaguard_notification_queue_depth', 'gauge', 'Notifications waiting to be delivered (pending or being sent).'),
  oldestPendingAge: def('slaguard_notification_oldest_pending_age_seconds', 'gauge', 'Age of the oldest notification still waiting (0 when none waits).'),
  failed: def('slaguard_notifications_failed', 'gauge', 'Notifications given up on and kept in the outbox as failed.'),
} as const;

/** Alerting: incidents, maintenance and notifications handed to the outbox. */
export const ALERTING = {
  incidentsOpen: def('slaguard_incidents_open', 'gauge', 'Incidents not closed, by level (1-4) and whether acknowledged.'),
  maintenanceActive: def('slaguard_maintenance_windows_active', 'gauge', 'Maintenance window occurrences in progress.'),
  notificationGroups: def('slaguard_notification_groups', 'gauge', 'Notification groups holding alerts.'),
  ackSeconds: def('slaguard_incident_ack_seconds', 'gauge', 'Time from opening to acknowledgement of the incidents opened in the last 30 days and acknowledged, by level and stat (mean, max).'),
  restoreSeconds: def('slaguard_incident_restore_seconds', 'gauge', 'Time from opening to restoration of the incidents opened in the last 30 days and restored, by level and stat (mean, max).'),
  enqueued: def('slaguard_alerting_notifications_enqueued_total', 'counter', 'Notifications alerting handed to the outbox, by kind (notification, escalation) and whether the outbox took them as new.'),
} as const;

/** SLA live figures (issue 8, item 15), labelled agency, service, category; recomputed on service changes and on a timer. */
export const SLA = {
  availability: def('slaguard_sla_availability_percent', 'gauge', 'Month-to-date availability of the service in percent, rounded down to 3 decimals as the monthly report computes it.'),
  errorBudget: def('slaguard_sla_error_budget_remaining_seconds', 'gauge', 'Seconds of down time the service may still have this month and meet its target (negative when overspent).'),
  target: def('slaguard_sla_target_percent', 'gauge', 'The availability the contract in force promises, in percent.'),
  chainOk: def('slaguard_sla_ledger_chain_ok', 'gauge', '1 if the SLA ledger hash chain was intact when slaguard started, 0 if it breaks somewhere (see the log).'),
} as const;

/** The InfluxDB writer and its disk buffer. */
export const INFLUX = {
  written: def('slaguard_influx_points_written_total', 'counter', 'Points InfluxDB accepted (sent at once or replayed from the disk buffer).'),
  buffered: def('slaguard_influx_points_buffered', 'gauge', 'Points waiting in the disk buffer for InfluxDB to accept them.'),
  bufferedBytes: def('slaguard_influx_buffer_bytes', 'gauge', 'Bytes the disk buffer holds.'),
  dropped: def('slaguard_influx_points_dropped_total', 'counter', 'Points given up, by reason: buffer_full (oldest dropped to stay within max_size), rejected (InfluxDB refused them as invalid), unreadable (a buffer file that could not be read back).'),
  writeErrors: def('slaguard_influx_write_errors_total', 'counter', 'Write requests that failed, by reason: timeout, connection, http_4xx, http_5xx, other.'),
} as const;

/** The rules engine. */
export const RULES = {
  evaluations: def('slaguard_rule_evaluations_total', 'counter', 'Rule evaluations: one per poll outcome the rules engine received.'),
  evaluationSeconds: def('slaguard_rule_evaluation_seconds_total', 'counter', 'Wall-clock time spent evaluating rules after polls.'),
  checks: def('slaguard_rule_series_checks_total', 'counter', 'Series-rule checks made (a series tested against a rule).'),
  alerts: def('slaguard_alerts', 'gauge', 'Alerts now, by state (pending, firing), severity, and whether suppressed or flapping.'),
  loaded: def('slaguard_rules_loaded', 'gauge', 'Rules loaded from the rule packs.'),
} as const;

/**
 * PDU, environment and cooling vendors (issue 10, profiles raritan-*, sentry3, akcp-sensorprobe, dell-rpdu,
 * digipower-pdu, liebert-cooling). `pduFrequency` is normalised: any PDU profile that reads an input frequency uses it.
 */
export const VENDOR_POWER_ENV = {
  pduFrequency: def('slaguard_pdu_frequency_hertz', 'gauge', 'Input frequency per PDU inlet.'),
  akcpSensorStatus: def('slaguard_akcp_sensor_status', 'gauge', '1 for the current state of an AKCP sensorProbe probe (labels kind: temperature, humidity; status: noStatus, normal, highWarning, highCritical, lowWarning, lowCritical, sensorError).'),
  dellPduInfo: def('slaguard_dell_pdu_info', 'gauge', 'Always 1; labels carry the Dell rack PDU model, hardware revision and firmware.'),
  digipowerPduInfo: def('slaguard_digipower_pdu_info', 'gauge', 'Always 1; labels carry the DigiPower PDU model and firmware version.'),
} as const;

/** Storage arrays and NAS, vendor-only values beside the normalised model (issue 10, storage group). */
export const VENDOR_STORAGE = {
  nimbleVolumeConnections: def('slaguard_nimble_volume_connections', 'gauge', 'iSCSI/FC connections to a Nimble volume (volNumConnections; label volume).'),
  oceanstorCapacity: def('slaguard_oceanstor_capacity_bytes', 'gauge', 'Total capacity of a Huawei OceanStor system (totalCapacity).'),
  oceanstorDiskHealthMark: def('slaguard_oceanstor_disk_health_mark_ratio', 'gauge', 'Share of its life a Huawei OceanStor disk has left (hwInfoDiskHealthMark, 0-1; label disk).'),
  oceanstorLunOk: def('slaguard_oceanstor_lun_ok', 'gauge', '1 if a Huawei OceanStor LUN reports itself healthy (hwInfoLunHealthStatus; label lun).'),
  oceanstorUsedCapacity: def('slaguard_oceanstor_used_capacity_bytes', 'gauge', 'Capacity allocated in the storage pools of a Huawei OceanStor system (usedCapacity).'),
  synologyDiskBadSectors: def('slaguard_synology_disk_bad_sectors', 'gauge', 'Bad sectors DSM counts on a Synology disk (diskBadSector; label disk).'),
  synologyDiskHealthOk: def('slaguard_synology_disk_health_ok', 'gauge', '1 if DSM 7.1+ rates the disk Normal (diskHealthStatus; 0 for Warning, Critical, Failing).'),
  synologyDiskStatus: def('slaguard_synology_disk_status', 'gauge', '1 for the current Synology disk status (label status: normal, initialized, not_initialized, system_partition_failed, crashed).'),
  synologyInfo: def('slaguard_synology_info', 'gauge', 'Always 1; labels carry the Synology model, serial number and DSM version.'),
  synologyRaidStatus: def('slaguard_synology_raid_status', 'gauge', '1 for the current status of a Synology RAID or storage pool (label status: normal, repairing, degrade, crashed, …).'),
  synologyUpgradeAvailable: def('slaguard_synology_upgrade_available', 'gauge', '1 if DSM reports that an upgrade is available (upgradeAvailable).'),
  truenasPoolHealth: def('slaguard_truenas_pool_health', 'gauge', '1 for the current health of a ZFS pool on TrueNAS/FreeNAS (label health: online, degraded, faulted, offline, unavail, removed).'),
} as const;

/** Server (BMC and server agent) values only some vendors give (issue 10); the normalised server model is in DEVICE and STORAGE. */
export const VENDOR_SERVER = {
  dellIdracInfo: def('slaguard_dell_idrac_info', 'gauge', 'Always 1; labels carry the Dell server model and service tag (IDRAC-MIB).'),
  dellIdracPowerOn: def('slaguard_dell_idrac_power_on', 'gauge', '1 if the Dell server is powered on, 0 if off (iDRAC systemPowerState).'),
  hpeServerInfo: def('slaguard_hpe_server_info', 'gauge', 'Always 1; labels carry the HPE ProLiant model (CPQSINFO-MIB cpqSiProductName).'),
  hpePsuOutput: def('slaguard_hpe_power_supply_output_watts', 'gauge', 'Power an HPE ProLiant power supply delivers now (cpqHeFltTolPowerSupplyCapacityUsed; label psu).'),
  hpeDriveTemperature: def('slaguard_hpe_drive_temperature_celsius', 'gauge', 'Temperature of an HPE Smart Array physical drive (cpqDaPhyDrvCurrentTemperature; label disk).'),
  ibmImmFanSpeed: def('slaguard_ibm_imm_fan_speed_ratio', 'gauge', 'Fan speed of an IBM/Lenovo IMM-managed server as a share of full speed (IMM-MIB fanSpeed, 0-1; label fan).'),
  xfusionIbmcInfo: def('slaguard_xfusion_ibmc_info', 'gauge', 'Always 1; labels carry the xFusion server model (iBMC deviceName).'),
  xfusionIbmcPsuInput: def('slaguard_xfusion_ibmc_power_supply_input_watts', 'gauge', 'Input power of an xFusion server power supply (iBMC powerSupplyInputPower; label psu).'),
  lenovoXccFanSpeed: def('slaguard_lenovo_xcc_fan_speed_ratio', 'gauge', 'Fan speed of a Lenovo XCC-managed server as a share of full speed (LENOVO-XCC-MIB fanSpeed, 0-1; label fan).'),
  huaweiIbmcInfo: def('slaguard_huawei_ibmc_info', 'gauge', 'Always 1; labels carry the Huawei server model (iBMC deviceName).'),
  huaweiIbmcPsuInput: def('slaguard_huawei_ibmc_power_supply_input_watts', 'gauge', 'Input power of a Huawei server power supply (iBMC powerSupplyInputPower; label psu).'),
} as const;

/**
 * UPS values added by issue 10's UPS group (APC, Socomec, Riello, Vertiv, Megatec/PowerWalker, Sinetica,
 * Dell, Eaton …) to complete the normalised UPS model: input current and power per line (UPS-MIB
 * upsInputTable, the vendors' phase tables) and the bypass input's voltage per line.
 */
export const VENDOR_UPS = {
  inputCurrent: def('slaguard_ups_input_current_amperes', 'gauge', 'Input (mains) current per line.'),
  inputPower: def('slaguard_ups_input_power_watts', 'gauge', 'Input (mains) active power per line.'),
  bypassVoltage: def('slaguard_ups_bypass_voltage_volts', 'gauge', 'Bypass input voltage per line.'),
} as const;

/** Firewall vendors' own values beside the normalised firewall model (collectors/snmp/profiles, issue 10). */
export const VENDOR_FIREWALL = {
  checkpointConnectionsPeak: def('slaguard_checkpoint_connections_peak', 'gauge', 'Most connections the Check Point gateway has held at once (CHECKPOINT-MIB fwPeakNumConn).'),
  checkpointInfo: def('slaguard_checkpoint_device_info', 'gauge', 'Always 1; labels carry the Check Point software version and appliance model.'),
  ciscoAsaConnectionsPeak: def('slaguard_cisco_asa_connections_peak', 'gauge', 'Most connections a Cisco ASA / Firepower Threat Defense has held at once since it started (CISCO-FIREWALL-MIB cfwConnectionStatValue, high).'),
  cyberoamLiveUsers: def('slaguard_cyberoam_live_users', 'gauge', 'Users logged in through the Cyberoam captive portal now (CYBEROAM-MIB liveUsers).'),
  fortigateHaMode: def('slaguard_fortigate_ha_mode', 'gauge', '1 for the high-availability mode the FortiGate is configured in (label mode: standalone, active_active, active_passive), 0 for the others.'),
  fortigateInfo: def('slaguard_fortigate_device_info', 'gauge', 'Always 1; labels carry the FortiOS version.'),
  fortigateSessionRate: def('slaguard_fortigate_new_sessions_per_second', 'gauge', 'Sessions the FortiGate set up per second, averaged over the last minute (fgSysSesRate1).'),
  hillstoneInfo: def('slaguard_hillstone_device_info', 'gauge', 'Always 1; labels carry the Hillstone StoneOS software version.'),
  juniperSrxSpuSessions: def('slaguard_juniper_srx_spu_sessions', 'gauge', 'Flow sessions a Juniper SRX services processing unit holds now (label spu, node).'),
  juniperSrxSpuSessionsMax: def('slaguard_juniper_srx_spu_sessions_max', 'gauge', 'Flow sessions a Juniper SRX services processing unit can hold (label spu, node).'),
  legendInfo: def('slaguard_legend_device_info', 'gauge', 'Always 1; labels carry the Legend (联想网御) firewall software version.'),
  sonicwallInfo: def('slaguard_sonicwall_device_info', 'gauge', 'Always 1; labels carry the SonicWall model and SonicOS firmware version.'),
  sophosInfo: def('slaguard_sophos_device_info', 'gauge', 'Always 1; labels carry the Sophos Firewall appliance type and SFOS version.'),
  sophosLiveUsers: def('slaguard_sophos_live_users', 'gauge', 'Users logged in through the Sophos Firewall captive portal now (sfosLiveUsersCount).'),
} as const;

/** The states of slaguard_ups_output_source (RFC 1628 upsOutputSource), one series each, 1 for the current one. */
export const UPS_OUTPUT_SOURCES = ['other', 'none', 'normal', 'bypass', 'battery', 'booster', 'reducer'] as const;


/** The embedded store (SQLite ledger). */
export const STORE = {
  writeFailures: def('slaguard_store_write_failures_total', 'counter', 'Ledger writes the database refused (full disk or another error); the transitions wait in memory and are written later.'),
  waiting: def('slaguard_store_transitions_waiting', 'gauge', 'Status transitions accepted and not yet written to the ledger.'),
  eventWriteFailures: def('slaguard_store_event_write_failures_total', 'counter', 'Event-log writes (SNMP traps and other events) the database refused; the events wait in memory and are written later.'),
  eventsWaiting: def('slaguard_store_events_waiting', 'gauge', 'Events (SNMP traps and others) accepted and not yet written to the event log.'),
} as const;

/** Every metric slaguard defines, by name (used for HELP and TYPE lines). */
export const METRIC_DEFS: ReadonlyMap<string, MetricDef> = new Map(
  [SCHEDULER, DAEMON, HOST, HTTP, UPS, DEVICE, PDU, STORAGE, COOLING, IFACE, VENDOR, SLA_SERIES, NOTIFY, ALERTING, SLA, INFLUX, RULES, VENDOR_NETWORK, STORE, VENDOR_POWER_ENV, VENDOR_STORAGE, VENDOR_SERVER, VENDOR_UPS, VENDOR_FIREWALL, VENDOR_POWER2].flatMap((group) => Object.values(group)).map((m) => [m.name, m]),
);
