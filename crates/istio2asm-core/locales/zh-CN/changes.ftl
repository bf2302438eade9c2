# changes — zh-CN
