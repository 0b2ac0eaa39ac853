/*
 * The SEGGER J-Link library functions this stand-in exports, with the names and C signatures of
 * SEGGER's JLinkARMDLL.h (research/debug-access.md §1.4). Only these are visible outside the
 * library: it is built with -fvisibility=hidden and each one is marked STANDIN_EXPORT.
 */
#ifndef JLINK_STANDIN_JLINKARM_H
#define JLINK_STANDIN_JLINKARM_H

#include <stdint.h>

#define STANDIN_EXPORT __attribute__((visibility("default")))

typedef uint32_t U32;
typedef uint8_t U8;
typedef void JLINKARM_LOG(const char *sText);
typedef int JLINK_UNSECURE_DIALOG_CB_FUNC(const char *sTitle, const char *sMsg, U32 Flags);
typedef void JLINK_FLASH_PROGRESS_CB_FUNC(const char *sAction, const char *sProg, int Percentage);

/* §1.5: the optional argument of JLINK_RTTERMINAL_Control(START). */
typedef struct JLINK_RTTERMINAL_START {
  U32 ConfigBlockAddress;
  U32 Reserved[3];
} JLINK_RTTERMINAL_START;

/* JLINK_RTTERMINAL_Control commands (pylink's JLinkRTTCommand). */
enum { JLINKARM_RTTERMINAL_CMD_START = 0, JLINKARM_RTTERMINAL_CMD_STOP = 1, JLINKARM_RTTERMINAL_CMD_GETDESC = 2,
       JLINKARM_RTTERMINAL_CMD_GETNUMBUF = 3, JLINKARM_RTTERMINAL_CMD_GETSTAT = 4 };

/* §1.5: 264 bytes, natural alignment (the offsets are checked in exports_probe.c). */
typedef struct JLINKARM_EMU_CONNECT_INFO {
  U32 SerialNumber;
  unsigned Connection; /* 1 = USB, 2 = IP */
  U32 USBAddr;
  U8 aIPAddr[16];
  int Time;
  uint64_t Time_us;
  U32 HWVersion;
  U8 abMACAddr[6];
  char acProduct[32];
  char acNickName[32];
  char acFWString[112];
  char IsDHCPAssignedIP;
  char IsDHCPAssignedIPIsValid;
  char NumIPConnections;
  char NumIPConnectionsIsValid;
  U8 aPadding[34];
} JLINKARM_EMU_CONNECT_INFO;

STANDIN_EXPORT U32 JLINKARM_GetDLLVersion(void);
STANDIN_EXPORT int JLINKARM_EMU_GetList(int HostIFs, JLINKARM_EMU_CONNECT_INFO *paConnectInfo, int MaxInfos);
STANDIN_EXPORT int JLINKARM_EMU_SelectByUSBSN(U32 SerialNo);
STANDIN_EXPORT const char *JLINKARM_OpenEx(JLINKARM_LOG *pfLog, JLINKARM_LOG *pfErrorOut);
STANDIN_EXPORT void JLINKARM_Close(void);
STANDIN_EXPORT char JLINKARM_IsOpen(void);
STANDIN_EXPORT int JLINKARM_GetSN(void);
STANDIN_EXPORT int JLINKARM_ExecCommand(const char *pIn, char *pOut, int BufferSize);
STANDIN_EXPORT int JLINKARM_TIF_Select(int Interface);
STANDIN_EXPORT void JLINKARM_SetSpeed(U32 Speed);
STANDIN_EXPORT int JLINKARM_CORESIGHT_Configure(const char *sConfig);
STANDIN_EXPORT int JLINKARM_CORESIGHT_ReadAPDPReg(U8 RegIndex, U8 APnDP, U32 *pData);
STANDIN_EXPORT int JLINKARM_CORESIGHT_WriteAPDPReg(U8 RegIndex, U8 APnDP, U32 Data);
STANDIN_EXPORT int JLINKARM_Connect(void);
STANDIN_EXPORT char JLINKARM_IsConnected(void);
STANDIN_EXPORT int JLINKARM_ReadMemEx(U32 Addr, U32 NumBytes, void *pData, U32 AccessWidth);
STANDIN_EXPORT int JLINKARM_WriteMemEx(U32 Addr, U32 NumBytes, const void *pData, U32 AccessWidth);
STANDIN_EXPORT char JLINKARM_Halt(void);
STANDIN_EXPORT char JLINKARM_IsHalted(void);
STANDIN_EXPORT void JLINKARM_Go(void);
STANDIN_EXPORT int JLINKARM_Reset(void);
STANDIN_EXPORT int JLINK_SetHookUnsecureDialog(JLINK_UNSECURE_DIALOG_CB_FUNC *pfHook);
STANDIN_EXPORT void JLINKARM_SetErrorOutHandler(JLINKARM_LOG *pfErrorOut);
STANDIN_EXPORT void JLINKARM_ResetNoHalt(void);
STANDIN_EXPORT void JLINKARM_BeginDownload(U32 Flags);
STANDIN_EXPORT int JLINKARM_WriteMem(U32 Addr, U32 Count, const void *pData);
STANDIN_EXPORT int JLINKARM_EndDownload(void);
STANDIN_EXPORT void JLINK_SetFlashProgProgressCallback(JLINK_FLASH_PROGRESS_CB_FUNC *pf);
STANDIN_EXPORT int JLINK_RTTERMINAL_Control(U32 Cmd, void *p);
STANDIN_EXPORT int JLINK_RTTERMINAL_Read(U32 BufferIndex, char *sBuffer, U32 BufferSize);
STANDIN_EXPORT int JLINK_RTTERMINAL_Write(U32 BufferIndex, const char *sBuffer, U32 BufferSize);

#endif
