//! Finding input devices: the list the user picks from, and the device a name refers to.

use cpal::traits::{DeviceTrait, HostTrait};

use crate::audio::wav::AudioError;

/// An audio input device as the user can pick it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InputDevice {
    /// Human-readable name.
    pub name: String,
    /// The host's identifier (on ALSA the PCM name, e.g. `default`, `pulse`, `hw:0,0`).
    pub id: String,
    pub is_default: bool,
    pub default_rate: u32,
    pub channels: u16,
    pub sample_format: String,
}

/// Lists the input devices that can be opened, default first.
pub fn list_input_devices() -> Result<Vec<InputDevice>, AudioError> {
    let host = cpal::default_host();
    let default_id = host.default_input_device().and_then(|d| d.id().ok());
    let devices = host
        .input_devices()
        .map_err(|e| AudioError::NoInputDevice {
            detail: format!(" ({} host: {e})", host.id().name()),
        })?;
    let mut out = Vec::new();
    for d in devices {
        let Ok(id) = d.id() else { continue };
        let config = match d.default_input_config() {
            Ok(c) => c,
            Err(e) => {
                tracing::debug!(device = %id, error = %e, "skipping input device without a usable config");
                continue;
            }
        };
        out.push(InputDevice {
            name: device_name(&d),
            id: id.id().to_owned(),
            is_default: default_id.as_ref() == Some(&id),
            default_rate: config.sample_rate(),
            channels: config.channels(),
            sample_format: config.sample_format().to_string(),
        });
    }
    out.sort_by_key(|d| !d.is_default);
    Ok(out)
}

pub(super) fn device_name(d: &cpal::Device) -> String {
    d.description()
        .map(|desc| desc.name().to_owned())
        .or_else(|_| d.id().map(|id| id.id().to_owned()))
        .unwrap_or_else(|_| "unknown device".to_owned())
}

pub(super) fn pick_device(
    host: &cpal::Host,
    wanted: Option<&str>,
) -> Result<cpal::Device, AudioError> {
    let host_name = host.id().name();
    let Some(wanted) = wanted else {
        let default = host
            .default_input_device()
            .ok_or_else(|| AudioError::NoInputDevice {
                detail: format!(" ({host_name} host reports no default input)"),
            })?;
        // The default device object can carry a generic description ("Default Audio Device");
        // the enumerated device with the same id has the name `list_input_devices` shows.
        let id = default.id().ok();
        let listed = host
            .input_devices()
            .ok()
            .and_then(|mut all| all.find(|d| id.is_some() && d.id().ok() == id));
        return Ok(listed.unwrap_or(default));
    };
    let devices: Vec<cpal::Device> = host
        .input_devices()
        .map_err(|e| AudioError::NoInputDevice {
            detail: format!(" ({host_name} host: {e})"),
        })?
        .collect();
    let key = |d: &cpal::Device| {
        (
            device_name(d),
            d.id().map(|i| i.id().to_owned()).unwrap_or_default(),
        )
    };
    let found = devices
        .iter()
        .position(|d| {
            let (n, i) = key(d);
            n == wanted || i == wanted
        })
        .or_else(|| {
            devices.iter().position(|d| {
                let (n, i) = key(d);
                n.eq_ignore_ascii_case(wanted) || i.eq_ignore_ascii_case(wanted)
            })
        });
    match found {
        Some(i) => Ok(devices.into_iter().nth(i).expect("index from position")),
        None => Err(AudioError::DeviceNotFound {
            name: wanted.to_owned(),
            // The same devices `list_input_devices` shows: those that can report a format.
            available: devices
                .iter()
                .filter(|d| d.default_input_config().is_ok())
                .map(|d| {
                    let (n, i) = key(d);
                    if n == i {
                        n
                    } else {
                        format!("{n} [{i}]")
                    }
                })
                .collect(),
        }),
    }
}
