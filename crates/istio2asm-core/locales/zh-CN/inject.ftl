# inject — zh-CN
